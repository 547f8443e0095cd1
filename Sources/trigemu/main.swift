import TriggerEvents
import Foundation
let path = CommandLine.arguments[1]
for _ in 0..<20 {
let reader = try TRGReader(path: path)
var chunk = EventChunk()
var n = 0
while try reader.nextChunk(into: &chunk) { n += chunk.count }
}
