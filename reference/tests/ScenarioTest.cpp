//===- ScenarioTest.cpp - every scenario has its expected verdict ---------===//
//
// At KMAPREF_DEFAULT_BOUND preemptions every BAD scenario fails and every
// GOOD one passes; each failure replays exactly; every check id has both.
// The test also prints the README table.
//
//===----------------------------------------------------------------------===//
#include "TestUtil.h"

#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <string>

using namespace kmapref_test;

namespace {

const char *const kCheckIds[] = {
    "kmap-deprecated-api",
    "kmap-local-order",
    "kmap-leak",
    "kmap-unmap-mismatch",
    "kmap-use-after-unmap",
    "kmap-alias-memmove",
    "kmap-local-escape",
    "kmap-stack-depth",
    "kmap-pool-deadlock",
    "kmap-sleep-in-atomic",
    "pagefault-balance",
    "preempt-balance",
    "kmap-local-missing-pagefault-disable",
    "ipi-under-irq-lock",
    "lock-drop-revalidate",
    KMAPREF_MODEL_ONLY, // the model's own design (context switch)
};

TEST(ScenarioTest, EveryScenarioHasItsExpectedVerdict) {
  unsigned N = kmapref_scenario_count();
  ASSERT_GT(N, 0u);
  std::printf("| scenario | check id | expected | dynamic verdict | "
              "interleavings | bound |\n| --- | --- | --- | --- | ---: | ---: "
              "|\n");
  for (unsigned I = 0; I < N; ++I) {
    const kmapref_scenario *S = kmapref_scenario_at(I);
    SCOPED_TRACE(S->name);
    kmapref_result R = explore(*S, KMAPREF_DEFAULT_BOUND);
    EXPECT_FALSE(R.truncated);
    EXPECT_EQ(R.failed, S->expect_bad) << R.failure;
    EXPECT_EQ(std::string(R.failure).find("internal:"), std::string::npos)
        << R.failure;
    std::string Verdict = R.failed ? "BAD" : "GOOD";
    if (R.failed)
      Verdict +=
          std::string(" (") +
          std::string(R.failure).substr(0, std::string(R.failure).find(':')) +
          ")";
    std::printf("| `%s` | %s | %s | %s | %lu | %u |\n", S->name, S->check_id,
                S->expect_bad ? "BAD" : "GOOD", Verdict.c_str(),
                R.interleavings, R.bound);
    if (!R.failed) {
      EXPECT_EQ(R.bound, unsigned(KMAPREF_DEFAULT_BOUND));
    }
    if (R.failed) {
      kmapref_result P;
      ASSERT_EQ(kmapref_replay(S, R.schedule, &P), 0) << P.failure;
      EXPECT_TRUE(P.failed);
      EXPECT_STREQ(P.failure, R.failure);
    }
  }
}

TEST(ScenarioTest, EveryCheckHasABadAndAGoodScenario) {
  std::map<std::string, std::set<int>> Verdicts;
  for (unsigned I = 0; I < kmapref_scenario_count(); ++I) {
    const kmapref_scenario *S = kmapref_scenario_at(I);
    Verdicts[S->check_id].insert(S->expect_bad);
  }
  for (const char *Id : kCheckIds) {
    SCOPED_TRACE(Id);
    EXPECT_EQ(Verdicts[Id].count(1), 1u);
    EXPECT_EQ(Verdicts[Id].count(0), 1u);
  }
  EXPECT_EQ(Verdicts.size(), std::size(kCheckIds));
}

TEST(ScenarioTest, MetadataNamesTheSourceFile) {
  for (unsigned I = 0; I < kmapref_scenario_count(); ++I) {
    const kmapref_scenario *S = kmapref_scenario_at(I);
    SCOPED_TRACE(S->name);
    EXPECT_EQ(std::string(S->source),
              std::string("scenarios/") + S->name + ".c");
    std::ifstream In(std::string(KMAPREF_SOURCE_DIR) + "/" + S->source);
    EXPECT_TRUE(In.good());
    std::string Name = S->name;
    bool Bad = Name.size() > 4 && Name.substr(Name.size() - 4) == "_bad";
    EXPECT_EQ(Bad, S->expect_bad != 0) << "name and verdict disagree";
    EXPECT_NE(S->description[0], '\0');
    EXPECT_EQ(kmapref_scenario_find(S->name), S);
  }
  EXPECT_EQ(kmapref_scenario_at(kmapref_scenario_count()), nullptr);
  EXPECT_EQ(kmapref_scenario_find("no_such_scenario"), nullptr);
}

} // namespace
