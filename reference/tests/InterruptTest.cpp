//===- InterruptTest.cpp - interrupts and the local-mapping switch --------===//
//
// Interrupts run on whatever task is current and map at its next entry; the
// single-step switch of local mappings (the 2020 RFC) loses an entry to an
// interrupt, the split switch that was merged does not at any bound.
//
//===----------------------------------------------------------------------===//
#include "TestUtil.h"

#include <string>

using namespace kmapref_test;

namespace {

TEST(InterruptTest, RunsOnTheCurrentTaskAtItsNextEntryWithIrqsOn) {
  // The handler checks current, the depth it sees and that IRQs were on.
  kmapref_result R = explore("t_irq_on_current", 4);
  EXPECT_FALSE(R.failed) << R.failure;
  EXPECT_FALSE(R.truncated);
  // The interrupt does come: without it, finish fails. It needs a
  // preemption: with none, the task runs alone.
  kmapref_result R0 = explore("t_irq_fires", 0);
  ASSERT_TRUE(R0.failed);
  EXPECT_TRUE(startsWith(R0.failure, "BUG: BUG_ON(!irq_fired)")) << R0.failure;
  EXPECT_EQ(R0.bound, 0u);
}

TEST(InterruptTest, AnInterruptMustReleaseWhatItMaps) {
  kmapref_result R = explore("t_irq_leak", 1);
  ASSERT_TRUE(R.failed);
  EXPECT_TRUE(startsWith(R.failure, "leak: interrupt irq_leaky returns with 1 "
                                    "local mapping(s) of irq_task changed"))
      << R.failure;
  EXPECT_EQ(R.bound, 1u);
}

TEST(InterruptTest, SingleStepSwitchLosesAnEntryToAnInterrupt) {
  // No interrupt, no failure: the switch code alone is right.
  kmapref_result R0 = explore("local_switch_irq_bad", 0);
  EXPECT_FALSE(R0.failed) << R0.failure;

  kmapref_result R = explore("local_switch_irq_bad", 1);
  ASSERT_TRUE(R.failed);
  EXPECT_EQ(R.bound, 1u);
  EXPECT_TRUE(startsWith(R.failure,
                         "kmap_local overwrite: irq_handler on task_a maps "
                         "task_a's entry #2 at local slot 1 of cpu0, which "
                         "still holds a live entry"))
      << R.failure;

  // The interrupt comes after both of task_b's entries are restored, while
  // current is still task_a (before __switch_to()).
  std::string Trace;
  kmapref_set_trace(
      [](const char *Line, void *Arg) {
        *static_cast<std::string *>(Arg) += std::string(Line) + "\n";
      },
      &Trace);
  kmapref_result P;
  ASSERT_EQ(kmapref_replay(&scenario("local_switch_irq_bad"), R.schedule, &P),
            0);
  kmapref_set_trace(nullptr, nullptr);
  EXPECT_STREQ(P.failure, R.failure);
  EXPECT_NE(Trace.find("irq_handler (cpu0) interrupts task_a at "
                       "__switch_to()(task_b)"),
            std::string::npos)
      << Trace;
}

TEST(InterruptTest, SplitSwitchIsSafeAtAnyBound) {
  // One interrupt per run: bound 1 already holds every schedule, so each
  // further bound re-runs exactly as many as bound 1 added.
  kmapref_result R0 = explore("local_switch_irq_good", 0);
  kmapref_result R1 = explore("local_switch_irq_good", 1);
  ASSERT_FALSE(R0.failed) << R0.failure;
  ASSERT_FALSE(R1.failed) << R1.failure;
  unsigned long PerBound = R1.interleavings - R0.interleavings;
  EXPECT_GT(PerBound, 1u);
  for (unsigned B = 2; B <= 8; ++B) {
    SCOPED_TRACE(B);
    kmapref_result R = explore("local_switch_irq_good", B);
    EXPECT_FALSE(R.failed) << R.failure;
    EXPECT_FALSE(R.truncated);
    EXPECT_EQ(R.bound, B);
    EXPECT_EQ(R.interleavings, R0.interleavings + B * PerBound);
  }
}

} // namespace
