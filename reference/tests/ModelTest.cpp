//===- ModelTest.cpp - invariants of the highmem model --------------------===//
//
// Correct use never fails at any bound up to kStormBound; each kind of misuse
// is reported with its category.
//
//===----------------------------------------------------------------------===//
#include "TestUtil.h"

#include <string>

using namespace kmapref_test;

namespace {

/// Storms are explored exhaustively with up to this many preemptions.
constexpr unsigned kStormBound = 2;

TEST(ModelTest, KmapStormsNeverFail) {
  for (const char *Name :
       {"t_storm_pool2", "t_storm_pool4", "pool_sequential_good",
        "t_model_flush_locked", "t_model_flush_recheck", "t_switch",
        "t_ipi_delayed"}) {
    for (unsigned B = 0; B <= kStormBound; ++B) {
      SCOPED_TRACE(std::string(Name) + " at bound " + std::to_string(B));
      kmapref_result R = explore(Name, B);
      EXPECT_FALSE(R.failed) << R.failure << " schedule " << R.schedule;
      EXPECT_FALSE(R.truncated);
      EXPECT_EQ(R.bound, B);
    }
  }
}

// Seed 000 on the model's own kmap_high(): with kmap_lock taken with IRQs
// off, the flush under the lock deadlocks; the patch trades the deadlock for
// a double mapping; the re-check fixes that (KmapStormsNeverFail).
TEST(ModelTest, FlushUnderIrqOffLockDeadlocks) {
  kmapref_result R = explore("t_model_flush_locked_irq", kStormBound);
  ASSERT_TRUE(R.failed);
  EXPECT_TRUE(startsWith(R.failure, "deadlock:")) << R.failure;
  EXPECT_NE(std::string(R.failure).find("flush_tlb_kernel_range()"),
            std::string::npos);
  EXPECT_NE(std::string(R.failure).find("spins on kmap_lock"),
            std::string::npos);
}

TEST(ModelTest, UnlockedFlushMapsAPageTwice) {
  kmapref_result R = explore("t_model_flush_unlocked", kStormBound);
  ASSERT_TRUE(R.failed);
  EXPECT_TRUE(startsWith(R.failure, "double mapping: page 1 is mapped at "))
      << R.failure;
}

TEST(ModelTest, MisuseIsReportedByCategory) {
  struct Case {
    const char *Name;
    const char *Prefix;
  } Cases[] = {
      {"t_double_kunmap", "pkmap_count underflow: kunmap() by double_kunmap"},
      {"t_wrong_family", "pagefault imbalance: wrong_family returns with page "
                         "faults disabled"},
      {"t_kmap_use_after_kunmap",
       "use after unmap: kmap_use_after_kunmap wrote to pkmap entry 1"},
      {"t_mutex_in_atomic", "sleeping in atomic context: mutex_lock() in "
                            "mutex_in_atomic may sleep while preemption "
                            "disabled (preempt_count=1)"},
  };
  for (const Case &C : Cases) {
    SCOPED_TRACE(C.Name);
    kmapref_result R = explore(C.Name, 0);
    ASSERT_TRUE(R.failed);
    EXPECT_TRUE(startsWith(R.failure, C.Prefix)) << R.failure;
  }
}

TEST(ModelTest, ScenarioFailuresSayWhatHappened) {
  struct Case {
    const char *Name;
    const char *Prefix;
  } Cases[] = {
      {"local_order_bad", "kmap_local stack misuse: task_copy releases local "
                          "mapping #1 while #2"},
      {"stack_depth_bad", "kmap_local stack overflow: task_sum takes local "
                          "mapping #17"},
      {"unmap_mismatch_bad", "unmap mismatch: kunmap_local() by task_fill of "
                             "slot 1, which is not live"},
      {"unmap_twice_bad", "unmap mismatch: kunmap_local() by task_check of "
                          "slot 0, which is not live (0 live)"},
      {"use_after_unmap_bad", "use after unmap: task_read read local-mapping "
                              "slot 0 of cpu0 (+0x4)"},
      {"leak_error_path_bad", "leak: task_read_records returns with 1 live "
                              "local mapping"},
      {"kmap_free_page_bad", "leak: __free_page() of page 0 while it is "
                             "kmap()ed"},
      {"pool_deadlock_bad", "pool deadlock: every task sleeps in "
                            "map_new_virtual()"},
      {"sleep_in_atomic_bad", "sleeping in atomic context: kmap() in "
                              "task_update may sleep while holding spinlock "
                              "cache_lock"},
      {"missing_pfdisable_bad", "sleeping in atomic context: "
                                "__copy_from_user_inatomic() (page fault)"},
      {"uffd_copy_bad", "deadlock: task_uffd_copy (cpu0) sleeps on mmap_lock "
                        "for reading (a writer waits for it"},
      {"pagefault_balance_bad", "pagefault imbalance: task_read returns"},
      {"preempt_balance_bad", "preempt imbalance: task_count returns"},
      {"deprecated_api_bad", "deprecated API called: kmap() by task_checksum"},
      {"flush_deadlock_bad", "deadlock: task_map_new (cpu0) waits in "
                             "flush_tlb_kernel_range() for cpu1"},
      {"lock_drop_bad", "double mapping: page 1 is mapped at pkmap entry"},
      {"local_switch_irq_bad", "kmap_local overwrite: irq_handler on task_a"},
  };
  for (const Case &C : Cases) {
    SCOPED_TRACE(C.Name);
    kmapref_result R = explore(C.Name, KMAPREF_DEFAULT_BOUND);
    ASSERT_TRUE(R.failed);
    EXPECT_TRUE(startsWith(R.failure, C.Prefix)) << R.failure;
  }
}

} // namespace
