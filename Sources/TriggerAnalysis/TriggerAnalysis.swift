/// TriggerAnalysis: tallies, binomial intervals, the orthogonal-line method, luminosity
/// weighting, binned systematics, rates, overlaps and reports (../shared/DESIGN.md).
///
/// Empty until the efficiency and report issues fill it; nothing here pretends to analyse.
import TriggerEmulation
import TriggerEvents
