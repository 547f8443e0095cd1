// swift-tools-version:6.0
//
// Coverage-guided fuzz targets for every reader of trigemu (docs/reliability.md). A package of its
// own, so that the main package's build is untouched by the sanitizer flags. `FuzzTesting/fuzz`
// builds and runs them; it builds with
//   swift build -c release --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing
// (`--sanitize=fuzzer` makes SwiftPM leave `main` to libFuzzer; the one `-sanitize=fuzzer,address`
// gives the compiler both sanitizers, which as two separate flags it would not: it keeps only the
// last, and the code would get no coverage instrumentation).

import PackageDescription

let readers = [
  "FuzzTRG", "FuzzJSONLines", "FuzzMenu", "FuzzExpressions", "FuzzFirmwareModel", "FuzzRunList", "FuzzResults",
  "FuzzDecisionStream",
]

let package = Package(
  name: "trigemu-fuzz",
  dependencies: [.package(name: "trigemu", path: "..")],
  targets: [
    // The byte-to-reader entries, one per target; `swift test` of the main package replays the
    // regression corpus through the same file (Tests/FuzzRegressionTests).
    .target(
      name: "FuzzReaders",
      dependencies: [
        .product(name: "TriggerEvents", package: "trigemu"), .product(name: "TriggerEmulation", package: "trigemu"),
        .product(name: "TriggerAnalysis", package: "trigemu"),
      ]),
  ]
    + readers.map { .executableTarget(name: $0, dependencies: ["FuzzReaders"]) }
)
