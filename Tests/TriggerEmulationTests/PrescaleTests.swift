import Testing
import TriggerEmulation
import TriggerEvents

/// Prescales keep one in N raw fires, reproducibly.
@Suite struct PrescaleTests {
  static func menu(prescale: Double) throws -> TriggerMenu {
    try TriggerMenu(text: """
      name: p
      bits:
        e: {kind: ecl.energy_sum}
      lines:
        l: {expression: e, prescale: \(prescale)}
      """, path: "p.yaml")
  }

  func kept(prescale: Double, mode: PrescaleMode, events: Int, run: UInt32 = 1) throws -> [Int] {
    var prescaler = Prescaler(menu: try Self.menu(prescale: prescale), mode: mode)
    return (1...events).filter { event in
      prescaler.keeps(line: 0, header: EventHeader(experiment: 8, run: run, eventNumber: UInt32(event), process: .dimuon))
    }
  }

  @Test func aCounterPrescaleOfThreeKeepsEveryThirdRawFire() throws {
    #expect(try kept(prescale: 3, mode: .counter, events: 10) == [3, 6, 9])
  }

  @Test func aFractionalPrescaleOf1Point5KeepsTwoInThree() throws {
    #expect(try kept(prescale: 1.5, mode: .counter, events: 9) == [2, 3, 5, 6, 8, 9])
  }

  @Test func prescalesOneAndZeroKeepAllAndNone() throws {
    #expect(try kept(prescale: 1, mode: .counter, events: 5) == [1, 2, 3, 4, 5])
    #expect(try kept(prescale: 0, mode: .counter, events: 5) == [])
  }

  @Test func counterPrescalesCountEachRunOnItsOwn() throws {
    var prescaler = Prescaler(menu: try Self.menu(prescale: 2), mode: .counter)
    func keeps(_ run: UInt32, _ event: UInt32) -> Bool {
      prescaler.keeps(line: 0, header: EventHeader(experiment: 8, run: run, eventNumber: event, process: .dimuon))
    }
    // Runs interleaved: each has its own counter, so every second fire of each run is kept.
    #expect([keeps(1, 1), keeps(2, 1), keeps(1, 2), keeps(2, 2), keeps(1, 3), keeps(1, 4)] == [false, false, true, true, false, true])
  }

  @Test func theRandomModeIsReproducibleAndKeepsOneInNOnAverage() throws {
    let first = try kept(prescale: 4, mode: .random(seed: 9), events: 40_000)
    #expect(first == (try kept(prescale: 4, mode: .random(seed: 9), events: 40_000)))
    #expect(first != (try kept(prescale: 4, mode: .random(seed: 10), events: 40_000)))
    // Binomial(40 000, 1/4): mean 10 000, σ ≈ 87; 5σ.
    #expect(abs(first.count - 10_000) < 435)
  }
}
