/// TriggerSimulation: physics processes with their cross sections, a fast detector response that
/// turns particles into raw-like hits, beam background and run lists (../shared/DESIGN.md).
///
/// Empty until the simulation issue fills it; nothing here pretends to simulate.
import TriggerEvents
