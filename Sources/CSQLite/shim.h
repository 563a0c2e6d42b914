#ifndef AGORA_CSQLITE_SHIM_H
#define AGORA_CSQLITE_SHIM_H
#include <sqlite3.h>
#include <malloc.h>
// SQLITE_TRANSIENT and SQLITE_STATIC are cast macros Swift cannot import.
static inline sqlite3_destructor_type CAgoraSQLite_transient(void) { return SQLITE_TRANSIENT; }
static inline sqlite3_destructor_type CAgoraSQLite_static(void) { return SQLITE_STATIC; }
// glibc's mallopt(M_ARENA_MAX, n); kept here, beside the store that allocates most (MallocArenas.swift).
static inline int CAgoraSQLite_limitMallocArenas(int arenas) { return mallopt(M_ARENA_MAX, arenas); }
#endif
