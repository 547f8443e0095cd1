/// TriggerEmulation: the L1 processors, firmware fault models, condition plugins, menus,
/// prescales and the streaming pipeline (../shared/DESIGN.md).
///
/// Empty until the processor and menu issues fill it; nothing here pretends to emulate.
import TriggerEvents
