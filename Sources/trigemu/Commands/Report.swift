import ArgumentParser
import TriggerSupport
import Foundation
import TriggerAnalysis

/// `trigemu report`: an HTML page with the plots of trigemu's JSON results.
struct Report: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Turn JSON results of run, efficiency, measure, rates, compare-menus, compare-firmware and signal into one HTML page with plots.",
    discussion: """
      Each file is recognised by its format. The page is self-contained (inline SVG and CSS, no \
      scripts, nothing fetched), so it opens offline and can be mailed. Plots: efficiency per run \
      with the good-run threshold; efficiency against θ, φ, p_T and CDC hits with the truth; \
      rates per line with the budget; the overlap heat map; two menus' rates and signal \
      efficiencies; firmware models' distributions; signal efficiency against mass and cτ.

      Example: trigemu measure --json eff.json; trigemu rates --menu M --input X.trg --json rates.json; \
      trigemu report eff.json rates.json --html report.html
      """)

  @Argument(help: "JSON results written by trigemu commands (--json), or tallies of 'trigemu run'.")
  var results: [String]

  @Option(help: "The HTML file to write.")
  var html: String

  @Option(help: "The page's title.")
  var title = "trigemu report"

  func validate() throws {
    guard !results.isEmpty else { throw ValidationError("give at least one JSON result file") }
  }

  func run() throws {
    try AtomicOutputFile.checkCanCreate([html])
    let files = try results.map { path -> (path: String, data: Data) in
      (path, try InputFile.contents(of: path, limitBytes: InputFile.resultLimitBytes))
    }
    let report = try HTMLReport(title: title, files: files)
    print("\(report.sections.count) sections with \(report.sections.reduce(0) { $0 + $1.figures.count }) plots from \(files.count) file(s)")
    try writeOutputs([(html, Array(report.html.utf8))])
  }
}
