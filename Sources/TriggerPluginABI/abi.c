// The plugin ABI is a header only; this file gives the C target something to build.
#include "trigemu_plugin.h"
