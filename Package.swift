// swift-tools-version:6.0
//
// trigemu — a trigger emulator for e⁺e⁻ collider experiments such as Belle II.
// Modules depend one way, each only on modules below it (docs/design.md, "Modules"):
//   TriggerKernels, TriggerSupport → TriggerEvents → TriggerSimulation, TriggerEmulation
//   → TriggerAnalysis → TriggerJobs → trigemu

import PackageDescription

let package = Package(
  name: "trigemu",
  products: [
    .executable(name: "trigemu", targets: ["trigemu"]),
    .library(name: "TriggerEvents", targets: ["TriggerEvents"]),
    .library(name: "TriggerSimulation", targets: ["TriggerSimulation"]),
    .library(name: "TriggerEmulation", targets: ["TriggerEmulation"]),
    .library(name: "TriggerAnalysis", targets: ["TriggerAnalysis"]),
    .library(name: "TriggerJobs", targets: ["TriggerJobs"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
  ],
  targets: [
    // CPU-specific inner loops in C with run-time dispatch: CRC-32C (SSE 4.2), the CDC hit check, the segment windows and the Hough votes and combination (AVX2).
    .target(name: "TriggerKernels"),
    // Helpers every layer uses and no physics: text tables, atomic output files, scratch folders, a seedable generator.
    .target(name: "TriggerSupport"),
    // SHA-256 of inputs for provenance from swift-crypto (BoringSSL's SHA-extension code on x86).
    .target(name: "TriggerEvents", dependencies: ["TriggerKernels", "TriggerSupport", .product(name: "Crypto", package: "swift-crypto")]),
    .target(name: "TriggerSimulation", dependencies: ["TriggerEvents", "TriggerSupport"]),
    // The C ABI of run-time condition plugins (docs/plugins.md): one header, shared with plugin authors.
    .target(name: "TriggerPluginABI"),
    .target(
      name: "TriggerEmulation",
      dependencies: ["TriggerEvents", "TriggerSupport", "TriggerKernels", "TriggerPluginABI", .product(name: "Yams", package: "Yams")],
      // The shipped menus and firmware models (the top folder's trigger-menus/ and firmware-models/ link here), found from any working directory.
      resources: [.copy("Shipped/trigger-menus"), .copy("Shipped/firmware-models")]),
    .target(name: "TriggerAnalysis", dependencies: ["TriggerEvents", "TriggerSupport", "TriggerEmulation"]),
    // Jobs that combine simulation, emulation and analysis: the main job, signal samples, benchmarks.
    .target(name: "TriggerJobs", dependencies: ["TriggerEvents", "TriggerSupport", "TriggerSimulation", "TriggerEmulation", "TriggerAnalysis"]),
    .executableTarget(
      name: "trigemu",
      dependencies: [
        "TriggerEvents", "TriggerSupport", "TriggerSimulation", "TriggerEmulation", "TriggerAnalysis", "TriggerJobs",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),

    .target(
      name: "TestSupport", dependencies: ["TriggerEvents", "TriggerSupport", "TriggerSimulation", "TriggerKernels", "TriggerJobs"],
      path: "Tests/TestSupport"),
    .testTarget(name: "TriggerEventsTests", dependencies: ["TriggerEvents", "TriggerSupport", "TriggerKernels", "TestSupport"]),
    .testTarget(name: "TriggerSimulationTests", dependencies: ["TriggerSimulation", "TriggerEvents", "TestSupport"]),
    .testTarget(
      name: "TriggerEmulationTests", dependencies: ["TriggerEmulation", "TriggerSimulation", "TriggerEvents", "TriggerSupport", "TriggerKernels", "TestSupport"]),
    .testTarget(
      name: "TriggerAnalysisTests", dependencies: ["TriggerAnalysis", "TriggerEmulation", "TriggerSimulation", "TriggerEvents", "TestSupport"]),
    .testTarget(
      name: "TriggerJobsTests", dependencies: ["TriggerJobs", "TriggerAnalysis", "TriggerEmulation", "TriggerSimulation", "TriggerEvents", "TestSupport"]),
    .testTarget(name: "trigemuTests", dependencies: ["trigemu", "TestSupport"]),
    // The fuzzers' crash inputs and seeds replayed through the fuzz targets' own entry (FuzzTesting/).
    .testTarget(name: "FuzzRegressionTests", dependencies: ["TriggerEvents", "TriggerEmulation", "TriggerAnalysis", "TestSupport"]),
  ]
)
