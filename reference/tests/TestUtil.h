//===- TestUtil.h - helpers for the reference unit tests --------*- C++ -*-===//
#ifndef KMAPREF_TESTS_TESTUTIL_H
#define KMAPREF_TESTS_TESTUTIL_H

#include "kmapref/kmapref.h"

#include <gtest/gtest.h>

#include <string>

extern "C" const struct kmapref_scenario *test_scenario(const char *name);

namespace kmapref_test {

/// A scenario of tests/test_scenarios.c, or of reference/scenarios/.
inline const kmapref_scenario &scenario(const char *Name) {
  const kmapref_scenario *S = test_scenario(Name);
  if (!S)
    S = kmapref_scenario_find(Name);
  if (!S) {
    ADD_FAILURE() << "no scenario " << Name;
    static const kmapref_scenario None = {"none", "", 0, "", "", ""};
    return None;
  }
  return *S;
}

inline kmapref_result explore(const kmapref_scenario &S, unsigned Bound) {
  kmapref_result R;
  kmapref_explore(&S, Bound, &R);
  return R;
}

inline kmapref_result explore(const char *Name, unsigned Bound) {
  return explore(scenario(Name), Bound);
}

inline bool startsWith(const std::string &S, const std::string &Prefix) {
  return S.compare(0, Prefix.size(), Prefix) == 0;
}

} // namespace kmapref_test

#endif
