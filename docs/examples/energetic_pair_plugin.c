/*
 * An example trigemu condition plugin in C (docs/plugins.md): fires when at least `min_clusters`
 * ECL trigger clusters have a CM energy above `min_energy_cm` GeV and at least `min_tracks` CDC
 * tracks exist.
 *
 * Build:  cc -shared -fPIC -O2 -I Sources/TriggerPluginABI/include \
 *            docs/examples/energetic_pair_plugin.c -o energetic_pair.so
 * (-DTRIGEMU_EXAMPLE_WRONG_ABI builds it claiming a future ABI version, to see the error.)
 */
#include <stdlib.h>

#include "trigemu_plugin.h"

typedef struct {
  double min_energy_cm;
  int min_clusters;
  int min_tracks;
} state;

static void *create(const double *values) {
  state *s = malloc(sizeof *s);
  if (s) {
    s->min_energy_cm = values[0];
    s->min_clusters = (int)values[1];
    s->min_tracks = (int)values[2];
  }
  return s;
}

static int32_t evaluate(const void *opaque, const trigemu_summary *summary) {
  const state *s = opaque;
  int clusters = 0;
  for (int64_t i = 0; i < summary->cluster_count; i++) {
    if (summary->clusters[i].energy_cm_gev > s->min_energy_cm) clusters++;
  }
  return clusters >= s->min_clusters && summary->track_count >= s->min_tracks;
}

static void destroy(void *opaque) { free(opaque); }

static const trigemu_parameter parameters[] = {
  {"minEnergyCM", "GeV", TRIGEMU_PARAMETER_REAL, 1.0, 0.0, 20.0, "smallest CM energy of a counted cluster"},
  {"minClusters", "", TRIGEMU_PARAMETER_INTEGER, 2, 1, 20, "clusters needed"},
  {"minTracks", "", TRIGEMU_PARAMETER_INTEGER, 0, 0, 20, "CDC tracks needed"},
};

static const trigemu_condition_plugin energetic_pair = {
  "example.energetic_pair", "At least N ECL clusters above a CM energy and M CDC tracks.",
  3, parameters, create, evaluate, destroy,
};

static const trigemu_condition_plugin *const conditions[] = {&energetic_pair};

uint32_t trigemu_plugin_abi_version(void) {
#ifdef TRIGEMU_EXAMPLE_WRONG_ABI
  return TRIGEMU_PLUGIN_ABI_VERSION + 98;
#else
  return TRIGEMU_PLUGIN_ABI_VERSION;
#endif
}

#ifndef TRIGEMU_EXAMPLE_MISSING_SYMBOL
const trigemu_condition_plugin *const *trigemu_plugin_conditions(int32_t *count) {
  *count = 1;
  return conditions;
}
#endif
