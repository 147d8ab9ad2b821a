//===- SchedulerTest.cpp - the deterministic scheduler --------------------===//
//
// Deadlock detection, preemption bounds, replay, determinism, limits.
//
//===----------------------------------------------------------------------===//
#include "TestUtil.h"

#include <cstring>
#include <string>

using namespace kmapref_test;

namespace {

TEST(SchedulerTest, DetectsAbbaDeadlock) {
  kmapref_result R = explore("t_abba", 2);
  ASSERT_TRUE(R.failed);
  EXPECT_TRUE(startsWith(R.failure, "deadlock:")) << R.failure;
  EXPECT_NE(std::string(R.failure).find("abba_ab (cpu0) spins on lock_b"),
            std::string::npos)
      << R.failure;
  EXPECT_NE(std::string(R.failure).find("abba_ba (cpu1) spins on lock_a"),
            std::string::npos)
      << R.failure;
  EXPECT_EQ(R.bound, 1u);
  EXPECT_FALSE(R.truncated);
}

// A failure that needs one preemption: not found with none, found with one.
TEST(SchedulerTest, BoundZeroMissesWhatBoundOneFinds) {
  for (const char *Name : {"t_abba", "t_lost_update"}) {
    SCOPED_TRACE(Name);
    kmapref_result R0 = explore(Name, 0);
    EXPECT_FALSE(R0.failed) << R0.failure;
    EXPECT_EQ(R0.bound, 0u);
    EXPECT_GE(R0.interleavings, 1u);

    kmapref_result R1 = explore(Name, 1);
    ASSERT_TRUE(R1.failed);
    EXPECT_EQ(R1.bound, 1u);
    EXPECT_GT(R1.interleavings, R0.interleavings);

    // The failing schedule has exactly one preemption.
    kmapref_result P;
    ASSERT_EQ(kmapref_replay(&scenario(Name), R1.schedule, &P), 0);
    EXPECT_EQ(P.bound, 1u);
  }
  kmapref_result R = explore("t_lost_update", 1);
  EXPECT_TRUE(startsWith(R.failure, "BUG: BUG_ON(counter != 2) at "))
      << R.failure;
}

TEST(SchedulerTest, ReplayReproducesTheFailureExactly) {
  for (const char *Name : {"t_abba", "t_lost_update", "flush_deadlock_bad",
                           "lock_drop_bad", "pool_deadlock_bad"}) {
    SCOPED_TRACE(Name);
    kmapref_result R = explore(Name, 2);
    ASSERT_TRUE(R.failed);
    for (int I = 0; I < 3; ++I) {
      kmapref_result P;
      ASSERT_EQ(kmapref_replay(&scenario(Name), R.schedule, &P), 0)
          << P.failure;
      EXPECT_TRUE(P.failed);
      EXPECT_STREQ(P.failure, R.failure);
      EXPECT_STREQ(P.schedule, R.schedule);
      EXPECT_EQ(P.interleavings, 1u);
    }
  }
}

TEST(SchedulerTest, ReplayOfTheKnownFlushDeadlockSchedule) {
  kmapref_result R;
  ASSERT_EQ(kmapref_replay(&scenario("flush_deadlock_bad"), "0,0,1,1,0", &R),
            0);
  EXPECT_TRUE(R.failed);
  EXPECT_TRUE(startsWith(R.failure, "deadlock: task_map_new (cpu0) waits in "
                                    "flush_tlb_kernel_range()"))
      << R.failure;
  // Run-length form: the same run.
  kmapref_result Q;
  ASSERT_EQ(kmapref_replay(&scenario("flush_deadlock_bad"), "0*2, 1*2, 0", &Q),
            0);
  EXPECT_STREQ(Q.failure, R.failure);
  EXPECT_STREQ(Q.schedule, "0,0,1,1,0");
}

TEST(SchedulerTest, ReplayWithoutPreemptionPasses) {
  // The empty schedule is the default policy: no preemption at all.
  kmapref_result R;
  ASSERT_EQ(kmapref_replay(&scenario("t_abba"), "", &R), 0);
  EXPECT_FALSE(R.failed) << R.failure;
  EXPECT_EQ(R.bound, 0u);
  kmapref_result Q;
  ASSERT_EQ(kmapref_replay(&scenario("t_abba"), R.schedule, &Q), 0);
  EXPECT_FALSE(Q.failed);
  EXPECT_STREQ(Q.schedule, R.schedule);
}

TEST(SchedulerTest, ReplayRejectsBadSchedules) {
  kmapref_result R;
  EXPECT_EQ(kmapref_replay(&scenario("t_abba"), "0,x", &R), -1);
  EXPECT_TRUE(startsWith(R.failure, "replay: malformed")) << R.failure;
  EXPECT_EQ(kmapref_replay(&scenario("t_abba"), "0,0,5", &R), -1);
  EXPECT_TRUE(startsWith(R.failure, "replay: decision 2 names task 5"))
      << R.failure;
  // Task 1 is blocked on lock_b's holder at that point... after the ABBA
  // deadlock nobody can run; a schedule that goes on is refused.
  kmapref_result D = explore("t_abba", 1);
  ASSERT_TRUE(D.failed);
  std::string Longer = std::string(D.schedule) + ",0";
  kmapref_result P;
  ASSERT_EQ(kmapref_replay(&scenario("t_abba"), Longer.c_str(), &P), 0);
  EXPECT_STREQ(P.failure, D.failure); // the extra decision is never reached
}

TEST(SchedulerTest, ExplorationIsDeterministic) {
  for (const char *Name : {"t_storm_pool2", "lock_drop_bad", "uffd_copy_good",
                           "flush_deadlock_good"}) {
    SCOPED_TRACE(Name);
    kmapref_result A = explore(Name, 2);
    kmapref_result B = explore(Name, 2);
    EXPECT_EQ(A.failed, B.failed);
    EXPECT_STREQ(A.failure, B.failure);
    EXPECT_STREQ(A.schedule, B.schedule);
    EXPECT_EQ(A.interleavings, B.interleavings);
    EXPECT_EQ(A.bound, B.bound);
    EXPECT_EQ(A.steps, B.steps);
    EXPECT_EQ(A.truncated, B.truncated);
  }
}

TEST(SchedulerTest, MoreBoundMeansMoreInterleavings) {
  unsigned long Prev = 0;
  for (unsigned B = 0; B <= 3; ++B) {
    kmapref_result R = explore("flush_deadlock_good", B);
    EXPECT_FALSE(R.failed) << R.failure;
    EXPECT_EQ(R.bound, B);
    EXPECT_GT(R.interleavings, Prev);
    Prev = R.interleavings;
  }
}

TEST(SchedulerTest, StepLimitReportsLivelock) {
  kmapref_result R = explore("t_livelock", 0);
  ASSERT_TRUE(R.failed);
  EXPECT_TRUE(startsWith(R.failure, "livelock:")) << R.failure;
}

TEST(SchedulerTest, InterleavingBudgetTruncates) {
  kmapref_set_limits(5, 0);
  kmapref_result R = explore("t_storm_pool2", 2);
  kmapref_set_limits(200000, 0);
  EXPECT_FALSE(R.failed);
  EXPECT_TRUE(R.truncated);
  EXPECT_EQ(R.interleavings, 5u);
}

TEST(SchedulerTest, CrossIpiWithIrqsOffDeadlocks) {
  kmapref_result R = explore("t_ipi_cross", 1);
  ASSERT_TRUE(R.failed);
  EXPECT_TRUE(startsWith(R.failure, "deadlock:")) << R.failure;
  EXPECT_NE(std::string(R.failure).find("acknowledge an IPI"),
            std::string::npos);
}

TEST(SchedulerTest, TraceNamesEveryDecision) {
  std::string Out;
  kmapref_set_trace(
      [](const char *Line, void *Arg) {
        *static_cast<std::string *>(Arg) += std::string(Line) + "\n";
      },
      &Out);
  kmapref_result R;
  int Rc = kmapref_replay(&scenario("flush_deadlock_bad"), "0,0,1,1,0", &R);
  kmapref_set_trace(nullptr, nullptr);
  ASSERT_EQ(Rc, 0);
  EXPECT_EQ(Out, "#0 task_map_new (cpu0) starts\n"
                 "#1 task_map_new (cpu0) runs from spin_lock_irq(kmap_lock)\n"
                 "#2 task_map_other (cpu1) starts [preempts task_map_new]\n"
                 "#3 task_map_other (cpu1) runs from spin_lock_irq(kmap_lock)\n"
                 "#4 task_map_new (cpu0) runs from flush_tlb_kernel_range()\n" +
                     std::string(R.failure) + "\n");
}

} // namespace
