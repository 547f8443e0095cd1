/*
 * trigemu condition-plugin C ABI, version 1 (docs/plugins.md).
 *
 * A plugin is a shared library exporting two functions:
 *
 *   uint32_t trigemu_plugin_abi_version(void);          // returns TRIGEMU_PLUGIN_ABI_VERSION
 *   const trigemu_condition_plugin *const *
 *   trigemu_plugin_conditions(int32_t *count);           // its condition kinds
 *
 * trigemu checks the version before calling anything else. Every struct is plain data; the
 * summary handed to `evaluate` is valid only during the call. Units are in the field names.
 * Any change to a struct or function here bumps TRIGEMU_PLUGIN_ABI_VERSION.
 */
#ifndef TRIGEMU_PLUGIN_H
#define TRIGEMU_PLUGIN_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TRIGEMU_PLUGIN_ABI_VERSION 1u

/* A CDC trigger track; has_3d is 1 when z0_cm and theta_rad are set by the 3D stage. */
typedef struct {
  double phi0_rad;
  double curvature_per_cm; /* signed: positive for positive charge */
  double pt_gev;
  int32_t charge;
  int32_t has_3d;
  double z0_cm;
  double theta_rad;
} trigemu_track;

/* An ECL trigger cluster (lab frame, and its CM energy and polar angle). */
typedef struct {
  double energy_gev;
  double theta_rad;
  double phi_rad;
  double energy_cm_gev;
  double theta_cm_rad;
  double time_ns;
  int32_t theta_index;
  int32_t cell_count;
} trigemu_cluster;

/* A KLM sector with hits: section 0 backward endcap, 1 barrel, 2 forward endcap; sector from 1;
 * bit (layer - 1) of layer_mask set when the layer has a hit. */
typedef struct {
  int32_t section;
  int32_t sector;
  uint32_t layer_mask;
} trigemu_klm_sector;

/* A two-track vertex; the tracks are indices into trigemu_summary.tracks. */
typedef struct {
  double x_cm;
  double y_cm;
  int32_t first_track;
  int32_t second_track;
} trigemu_vertex;

/* What the L1 processors found in one event. */
typedef struct {
  const trigemu_track *tracks;
  int64_t track_count;
  const trigemu_cluster *clusters;
  int64_t cluster_count;
  const trigemu_klm_sector *klm_sectors;
  int64_t klm_sector_count;
  const trigemu_vertex *vertices;
  int64_t vertex_count;
  /* Summed trigger-cell energy (lab, GeV) per θ index; entries 1…17 are used, 18 in all. */
  const double *energy_by_theta_index_gev;
} trigemu_summary;

enum { TRIGEMU_PARAMETER_REAL = 0, TRIGEMU_PARAMETER_INTEGER = 1, TRIGEMU_PARAMETER_BOOLEAN = 2 };

/* One parameter of a condition kind: trigemu validates menu values against it. */
typedef struct {
  const char *name;
  const char *unit; /* "GeV", "deg", "cm", "ns" or "" */
  int32_t type;     /* TRIGEMU_PARAMETER_* */
  double default_value;
  double min_value;
  double max_value;
  const char *help;
} trigemu_parameter;

/* A condition kind. `create` gets the parameter values in declaration order (booleans as 0/1)
 * and returns the state `evaluate` and `destroy` get; `evaluate` returns 1 when the bit fires.
 * `evaluate` may be called from several threads at once, each with its own state. */
typedef struct {
  const char *kind; /* e.g. "example.energetic_pair"; must not clash with a built-in */
  const char *summary;
  int32_t parameter_count;
  const trigemu_parameter *parameters;
  void *(*create)(const double *values);
  int32_t (*evaluate)(const void *state, const trigemu_summary *summary);
  void (*destroy)(void *state);
} trigemu_condition_plugin;

typedef uint32_t (*trigemu_plugin_abi_version_function)(void);
typedef const trigemu_condition_plugin *const *(*trigemu_plugin_conditions_function)(int32_t *count);

#ifdef __cplusplus
}
#endif

#endif
