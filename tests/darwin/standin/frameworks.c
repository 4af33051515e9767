/*
 * A stand-in for macOS's CoreFoundation and IOKit frameworks, built for Linux: the calls the darwin backend makes,
 * under their macOS names, with the documented ownership rules (the Create and Copy rule: what a Create or Copy
 * function returns is the caller's to CFRelease; what a Get function returns is not; IOIteratorNext and
 * IORegistryEntryGetParentEntry hand out objects to IOObjectRelease; IOServiceGetMatchingServices consumes its
 * matching dictionary), answering from a small IORegistry: two whole disks under block storage drivers, a
 * partition under its disk, Apple silicon's power manager with its voltage-state tables, and one battery.
 *
 * Test controls, not macOS's: standin_cf_outstanding() counts CF objects and IOKit objects not released;
 * standin_power() sets the battery's state.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- CoreFoundation objects ---- */

enum { T_STRING = 1, T_NUMBER, T_DICT, T_ARRAY, T_DATA };
typedef struct cf {
  int type, refs;
  char *str;
  int64_t num;
  double dbl;
  int is_double;
  int n;
  struct cf **keys, **vals;
  unsigned char *bytes;
} cf;

static int cf_live;

static cf *cf_new(int type) {
  cf *o = calloc(1, sizeof *o);
  o->type = type;
  o->refs = 1;
  cf_live++;
  return o;
}

void CFRelease(cf *o) {
  if (o == NULL || --o->refs > 0) return;
  for (int i = 0; i < o->n; i++) {
    if (o->keys) CFRelease(o->keys[i]);
    if (o->vals) CFRelease(o->vals[i]);
  }
  free(o->keys);
  free(o->vals);
  free(o->str);
  free(o->bytes);
  free(o);
  cf_live--;
}

static cf *str(const char *s) { cf *o = cf_new(T_STRING); o->str = strdup(s); return o; }
static cf *num(int64_t v) { cf *o = cf_new(T_NUMBER); o->num = v; return o; }
static cf *data(const void *b, int n) {
  cf *o = cf_new(T_DATA);
  o->bytes = malloc(n);
  memcpy(o->bytes, b, n);
  o->n = 0; /* n counts children; the length is kept in num */
  o->num = n;
  return o;
}
static cf *dict(void) { cf *o = cf_new(T_DICT); o->keys = calloc(16, sizeof(cf *)); o->vals = calloc(16, sizeof(cf *)); return o; }
/* Adds key -> value, taking the caller's reference to value. */
static void put(cf *d, const char *key, cf *value) { d->keys[d->n] = str(key); d->vals[d->n++] = value; }

cf *CFStringCreateWithCString(void *alloc, const char *s, uint32_t encoding) {
  (void)alloc;
  if (encoding != 0x08000100) return NULL; /* kCFStringEncodingUTF8 only */
  return str(s);
}

unsigned char CFStringGetCString(cf *s, char *buf, long size, uint32_t encoding) {
  if (s == NULL || s->type != T_STRING || encoding != 0x08000100) return 0;
  if ((long)strlen(s->str) + 1 > size) return 0;
  strcpy(buf, s->str);
  return 1;
}

const cf *CFDictionaryGetValue(const cf *d, const cf *key) {
  if (d == NULL || d->type != T_DICT || key == NULL || key->type != T_STRING) return NULL;
  for (int i = 0; i < d->n; i++) if (strcmp(d->keys[i]->str, key->str) == 0) return d->vals[i];
  return NULL;
}

/* CFNumberGetValue: kCFNumberSInt32Type (3), kCFNumberSInt64Type (4), kCFNumberIntType (9); false if it does not fit. */
unsigned char CFNumberGetValue(const cf *n, long type, void *out) {
  if (n == NULL || n->type != T_NUMBER) return 0;
  if (type == 4) { memcpy(out, &n->num, 8); return 1; }
  if (type == 3 || type == 9) {
    int32_t v = (int32_t)n->num;
    memcpy(out, &v, 4);
    return v == n->num;
  }
  return 0;
}

long CFArrayGetCount(const cf *a) { return a && a->type == T_ARRAY ? a->n : 0; }
const cf *CFArrayGetValueAtIndex(const cf *a, long i) { return a && a->type == T_ARRAY && i < a->n ? a->vals[i] : NULL; }
long CFDataGetLength(const cf *d) { return d && d->type == T_DATA ? (long)d->num : 0; }
const unsigned char *CFDataGetBytePtr(const cf *d) { return d && d->type == T_DATA ? d->bytes : NULL; }
unsigned long CFGetTypeID(const cf *o) { return o ? (unsigned long)o->type : 0; }
unsigned long CFStringGetTypeID(void) { return T_STRING; }
unsigned long CFNumberGetTypeID(void) { return T_NUMBER; }
unsigned long CFDictionaryGetTypeID(void) { return T_DICT; }
unsigned long CFDataGetTypeID(void) { return T_DATA; }

/* ---- the IORegistry ---- */

struct entry { const char *cls, *name; int parent; };
/* Handles are indexes + 1. disk2s1 is a partition: its parent is a medium, not a driver. */
static const struct entry REGISTRY[] = {
  /* 1 */ { "IOBlockStorageDriver", "IOBlockStorageDriver", 0 },
  /* 2 */ { "IOMedia", "APPLE SSD AP0512Q Media", 1 },
  /* 3 */ { "IOBlockStorageDriver", "IOBlockStorageDriver", 0 },
  /* 4 */ { "IOMedia", "Untitled External", 3 },
  /* 5 */ { "IOMedia", "disk2s1", 4 },
  /* 6 */ { "AppleARMIODevice", "sep", 0 },
  /* 7 */ { "AppleARMIODevice", "pmgr", 0 },
};
#define ENTRIES (int)(sizeof REGISTRY / sizeof REGISTRY[0])
#define ITER_BASE 1000

static int io_live;
static struct { int cls_match[ENTRIES]; int n, next; int live; } iterators[8];

static const char *cls_of(cf *matching) {
  const cf *v = NULL;
  for (int i = 0; i < matching->n; i++) if (!strcmp(matching->keys[i]->str, "IOProviderClass")) v = matching->vals[i];
  return v ? v->str : "";
}

cf *IOServiceMatching(const char *name) {
  cf *d = dict();
  put(d, "IOProviderClass", str(name));
  return d;
}

int IOServiceGetMatchingServices(unsigned port, cf *matching, unsigned *out) {
  if (port != 0 || matching == NULL) return 4; /* KERN_INVALID_ARGUMENT */
  int it = -1;
  for (int i = 0; i < 8; i++) if (!iterators[i].live) { it = i; break; }
  if (it < 0) { CFRelease(matching); return 6; }
  const char *cls = cls_of(matching);
  iterators[it].n = iterators[it].next = 0;
  for (int i = 0; i < ENTRIES; i++) if (!strcmp(REGISTRY[i].cls, cls)) iterators[it].cls_match[iterators[it].n++] = i + 1;
  iterators[it].live = 1;
  CFRelease(matching); /* consumed */
  io_live++;
  *out = ITER_BASE + it;
  return 0;
}

unsigned IOIteratorNext(unsigned iter) {
  int it = (int)iter - ITER_BASE;
  if (it < 0 || it >= 8 || !iterators[it].live || iterators[it].next >= iterators[it].n) return 0;
  io_live++;
  return iterators[it].cls_match[iterators[it].next++];
}

int IOObjectRelease(unsigned obj) {
  if (obj == 0) return 4;
  if (obj >= ITER_BASE) {
    int it = (int)obj - ITER_BASE;
    if (it >= 8 || !iterators[it].live) return 4;
    iterators[it].live = 0;
  }
  io_live--;
  return 0;
}

static const struct entry *entry_of(unsigned h) { return h >= 1 && h <= (unsigned)ENTRIES ? &REGISTRY[h - 1] : NULL; }

int IOObjectConformsTo(unsigned obj, const char *cls) {
  const struct entry *e = entry_of(obj);
  return e != NULL && !strcmp(e->cls, cls);
}

int IORegistryEntryGetParentEntry(unsigned obj, const char *plane, unsigned *parent) {
  const struct entry *e = entry_of(obj);
  if (e == NULL || strcmp(plane, "IOService")) return 4;
  if (e->parent == 0) return 0xe00002f0; /* kIOReturnNoDevice */
  io_live++;
  *parent = (unsigned)e->parent;
  return 0;
}

int IORegistryEntryGetName(unsigned obj, char *name) {
  const struct entry *e = entry_of(obj);
  if (e == NULL) return 4;
  strncpy(name, e->name, 127);
  name[127] = 0;
  return 0;
}

static cf *stats(int64_t reads, int64_t writes, int64_t rbytes, int64_t wbytes, int64_t rtime, int64_t wtime) {
  cf *s = dict();
  put(s, "Operations (Read)", num(reads));
  put(s, "Operations (Write)", num(writes));
  put(s, "Bytes (Read)", num(rbytes));
  put(s, "Bytes (Write)", num(wbytes));
  put(s, "Total Time (Read)", num(rtime));
  put(s, "Total Time (Write)", num(wtime));
  return s;
}

/* A new dictionary of the entry's properties, the caller's to release. */
int IORegistryEntryCreateCFProperties(unsigned obj, cf **out, void *alloc, unsigned options) {
  (void)alloc;
  (void)options;
  const struct entry *e = entry_of(obj);
  if (e == NULL) return 4;
  cf *d = dict();
  switch (obj) {
    case 1: put(d, "Statistics", stats(1000, 2000, 4096000, 8192000, 1500000000LL, 2500000000LL)); break;
    case 2: put(d, "BSD Name", str("disk0")); break;
    case 3: put(d, "Statistics", stats(7, 3, 28672, 12288, 999999, 4000000)); break;
    case 4: put(d, "BSD Name", str("disk2")); break;
    case 5: put(d, "BSD Name", str("disk2s1")); break;
  }
  *out = d;
  return 0;
}

/* pmgr's voltage-state tables: pairs of (frequency in Hz, voltage in mV), little-endian 32-bit. */
static const uint32_t ECORE[] = { 600000000, 600, 972000000, 650, 1332000000, 700, 0, 0 };
static const uint32_t PCORE[] = { 600000000, 700, 1968000000, 800, 3228000000u, 1000 };

cf *IORegistryEntryCreateCFProperty(unsigned obj, const cf *key, void *alloc, unsigned options) {
  (void)alloc;
  (void)options;
  if (obj != 7 || key == NULL || key->type != T_STRING) return NULL;
  if (!strcmp(key->str, "voltage-states1-sram")) return data(ECORE, sizeof ECORE);
  if (!strcmp(key->str, "voltage-states5-sram")) return data(PCORE, sizeof PCORE);
  return NULL;
}

/* ---- power sources ---- */

static int battery_present = 1, battery_plugged = 0, battery_minutes = 95;

/* The battery: present or not, on AC power or not, minutes left (-1: still estimating). */
void standin_power(int present, int plugged, int minutes) {
  battery_present = present;
  battery_plugged = plugged;
  battery_minutes = minutes;
}

static cf *power_desc;

cf *IOPSCopyPowerSourcesInfo(void) {
  cf *blob = dict();
  put(blob, "blob", num(1));
  return blob;
}

cf *IOPSCopyPowerSourcesList(cf *blob) {
  if (blob == NULL) return NULL;
  cf *a = cf_new(T_ARRAY);
  a->vals = calloc(1, sizeof(cf *));
  if (battery_present) a->vals[a->n++] = str("InternalBattery-0");
  return a;
}

/* The source's description: a Get function, the blob keeps it (here, until the next call). */
const cf *IOPSGetPowerSourceDescription(cf *blob, const cf *ps) {
  if (blob == NULL || ps == NULL) return NULL;
  if (power_desc) CFRelease(power_desc);
  power_desc = dict();
  put(power_desc, "Current Capacity", num(87));
  put(power_desc, "Max Capacity", num(100));
  put(power_desc, "Power Source State", str(battery_plugged ? "AC Power" : "Battery Power"));
  put(power_desc, "Time to Empty", num(battery_minutes));
  return power_desc;
}

/* CF objects (but the last power source description, which the framework keeps) and IOKit objects not released. */
int standin_cf_outstanding(void) { return cf_live - (power_desc ? 1 + 2 * power_desc->n : 0) + io_live; }
