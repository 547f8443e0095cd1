// swift-tools-version:6.0
//
// trigemu — a trigger emulator for e⁺e⁻ collider experiments such as Belle II.
// Module boundaries follow ../shared/DESIGN.md ("Modules").

import PackageDescription

let package = Package(
  name: "trigemu",
  products: [
    .executable(name: "trigemu", targets: ["trigemu"]),
    .library(name: "TriggerEvents", targets: ["TriggerEvents"]),
    .library(name: "TriggerSimulation", targets: ["TriggerSimulation"]),
    .library(name: "TriggerEmulation", targets: ["TriggerEmulation"]),
    .library(name: "TriggerAnalysis", targets: ["TriggerAnalysis"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
  ],
  targets: [
    // CPU-specific inner loops in C with run-time dispatch: CRC-32C (SSE 4.2), SHA-256 (SHA-NI), the CDC hit check, the segment windows and the Hough votes and combination (AVX2).
    .target(name: "TriggerKernels"),
    .target(name: "TriggerEvents", dependencies: ["TriggerKernels"]),
    .target(name: "TriggerSimulation", dependencies: ["TriggerEvents"]),
    // The C ABI of run-time condition plugins (docs/plugins.md): one header, shared with plugin authors.
    .target(name: "TriggerPluginABI"),
    .target(name: "TriggerEmulation", dependencies: ["TriggerEvents", "TriggerKernels", "TriggerPluginABI", .product(name: "Yams", package: "Yams")]),
    .target(name: "TriggerAnalysis", dependencies: ["TriggerEvents", "TriggerSimulation", "TriggerEmulation"]),
    .executableTarget(
      name: "trigemu",
      dependencies: [
        "TriggerEvents", "TriggerSimulation", "TriggerEmulation", "TriggerAnalysis",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),

    .target(name: "TestSupport", dependencies: ["TriggerEvents", "TriggerSimulation", "TriggerKernels"], path: "Tests/TestSupport"),
    .testTarget(name: "TriggerEventsTests", dependencies: ["TriggerEvents", "TriggerKernels", "TestSupport"]),
    .testTarget(name: "TriggerSimulationTests", dependencies: ["TriggerSimulation", "TriggerEvents", "TestSupport"]),
    .testTarget(name: "TriggerEmulationTests", dependencies: ["TriggerEmulation", "TriggerSimulation", "TriggerEvents", "TriggerKernels", "TestSupport"]),
    .testTarget(
      name: "TriggerAnalysisTests", dependencies: ["TriggerAnalysis", "TriggerEmulation", "TriggerSimulation", "TriggerEvents", "TestSupport"]),
    .testTarget(name: "trigemuTests", dependencies: ["trigemu", "TestSupport"]),
  ]
)
