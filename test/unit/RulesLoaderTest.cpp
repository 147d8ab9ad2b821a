//===- RulesLoaderTest.cpp - every error path of the YAML loader ----------===//
#include "core/RulesLoader.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <gtest/gtest.h>

using namespace kmapcheck;

namespace {
std::string apiError(llvm::StringRef Yaml) {
  ApiModel M;
  llvm::Error E = loadApiFile("rules/api/t.yaml", Yaml, M);
  return E ? llvm::toString(std::move(E)) : "";
}
std::string checkError(llvm::StringRef Yaml) {
  auto S = loadCheckFile("rules/checks/t.yaml", Yaml);
  return S ? "" : llvm::toString(S.takeError());
}
const char GoodCheck[] = "id: t\nseverity: warning\nsummary: s\n"
                         "description: d\nexamples:\n  bad: b\n  good: g\n";
} // namespace

TEST(RulesLoader, ParsesEntries) {
  ApiModel M;
  ASSERT_FALSE(bool(loadApiFile("a.yaml", R"(functions:
  - name: kmap_atomic
    map: {kind: atomic, page_arg: 0}
    effects: [preempt_disable, pagefault_disable]
    deprecated_by: kmap_local_page
  - name: kunmap_atomic
    expands_to: [__kunmap_atomic]
    unmap: {kind: atomic, arg: address}
  - {name: this_cpu_*, macro: true, needs_atomic: [preempt]}
  - {name: on_each_cpu, waits_for_ipi: {wait_arg: 2}}
  - {name: spin_lock_irqsave, expands_to: [_raw_spin_lock_irqsave], lock: {action: acquire, arg: 0, irq: save}}
)",
                                M)));
  M.finalize();
  const ApiEntry *E = M.lookupName("kmap_atomic");
  ASSERT_TRUE(E);
  EXPECT_EQ(E->Map->Kind, MapKind::Atomic);
  EXPECT_TRUE(E->hasEffect(Effect::PagefaultDisable));
  EXPECT_EQ(E->DeprecatedBy, "kmap_local_page");
  ASSERT_EQ(M.macrosExpandingTo("__kunmap_atomic").size(), 1u);
  EXPECT_TRUE(M.isModeled("__kunmap_atomic"));
  const ApiEntry *P = M.lookupName("this_cpu_read");
  ASSERT_TRUE(P);
  EXPECT_TRUE(P->hasNeed(AtomicNeed::Preempt));
  EXPECT_EQ(M.lookupName("on_each_cpu")->WaitsForIpi->WaitArg, 2);
  EXPECT_EQ(M.lookupName("spin_lock_irqsave")->Lock->Irq, LockIrq::Save);
  EXPECT_EQ(M.lookupName("nothing"), nullptr);
}

TEST(RulesLoader, LaterEntriesOverride) {
  ApiModel M;
  ASSERT_FALSE(bool(loadApiFile(
      "a.yaml", "functions:\n  - {name: f, might_sleep: true}\n", M)));
  ASSERT_FALSE(bool(loadApiFile(
      "b.yaml", "functions:\n  - {name: f, might_sleep: false}\n", M)));
  M.finalize();
  EXPECT_FALSE(M.lookupName("f")->MightSleep);
  EXPECT_EQ(M.lookupName("f")->SourceFile, "b.yaml");
}

TEST(RulesLoader, SyntaxErrorHasPosition) {
  std::string E = apiError("functions:\n  - name: [kmap\n");
  EXPECT_NE(E.find("rules/api/t.yaml:"), std::string::npos) << E;
  EXPECT_NE(E.find("invalid YAML"), std::string::npos) << E;
}

TEST(RulesLoader, UnknownKeySuggests) {
  std::string E =
      apiError("functions:\n  - name: kmap\n    might_slep: true\n");
  EXPECT_EQ(E, "rules/api/t.yaml:3:5: unknown key 'might_slep' in an API "
               "entry; did you mean 'might_sleep'?");
}

TEST(RulesLoader, UnknownKeyFarFromAny) {
  std::string E = apiError("functions:\n  - name: kmap\n    zzzzzzzzzzzz: 1\n");
  EXPECT_NE(E.find("expected one of: name, macro"), std::string::npos) << E;
}

TEST(RulesLoader, TopLevelErrors) {
  EXPECT_EQ(apiError("- a\n"), "rules/api/t.yaml:1:1: expected a mapping with "
                               "a 'functions' list at the top of an API model "
                               "file");
  EXPECT_NE(apiError("functions: 3\n")
                .find("1:12: expected 'functions' to be a list"),
            std::string::npos);
  EXPECT_NE(apiError("functoins: []\n").find("did you mean 'functions'"),
            std::string::npos);
}

TEST(RulesLoader, ErrorPointerTest) {
  ApiModel M;
  ASSERT_FALSE(bool(loadApiFile("a.yaml", R"(functions:
  - {name: IS_ERR, error_pointer_test: is_err}
  - {name: IS_ERR_OR_NULL, error_pointer_test: is_err_or_null}
)",
                                M)));
  M.finalize();
  EXPECT_EQ(M.lookupName("IS_ERR")->ErrTest, ErrorPointerTest::IsErr);
  EXPECT_EQ(M.lookupName("IS_ERR_OR_NULL")->ErrTest,
            ErrorPointerTest::IsErrOrNull);
  EXPECT_NE(apiError("functions:\n  - {name: a, error_pointer_test: null_ok}\n")
                .find("2:35: unknown 'error_pointer_test' 'null_ok' (expected "
                      "is_err or is_err_or_null)"),
            std::string::npos)
      << apiError("functions:\n  - {name: a, error_pointer_test: null_ok}\n");
}

TEST(RulesLoader, EntryValueErrors) {
  EXPECT_NE(apiError("functions:\n  - might_sleep: true\n")
                .find("2:5: API entry has no 'name'"),
            std::string::npos);
  EXPECT_NE(apiError("functions:\n  - {name: a, map: {kind: lokal}}\n")
                .find("invalid value 'lokal' for 'map.kind'; expected one of: "
                      "local, atomic, global"),
            std::string::npos);
  EXPECT_NE(apiError("functions:\n  - {name: a, map: {page_arg: 0}}\n")
                .find("'map' needs a 'kind'"),
            std::string::npos);
  EXPECT_NE(
      apiError(
          "functions:\n  - {name: a, unmap: {kind: local, arg: pointer}}\n")
          .find("invalid value 'pointer' for 'unmap.arg'"),
      std::string::npos);
  EXPECT_NE(apiError("functions:\n  - {name: a, effects: [pagefault_off]}\n")
                .find("unknown effect 'pagefault_off'"),
            std::string::npos);
  EXPECT_NE(apiError("functions:\n  - {name: a, might_sleep: maybe}\n")
                .find("expected true or false for 'might_sleep'"),
            std::string::npos);
  EXPECT_NE(
      apiError("functions:\n  - {name: a, map: {kind: local, page_arg: x}}\n")
          .find("expected an argument index"),
      std::string::npos);
  EXPECT_NE(apiError("functions:\n  - {name: a, needs_atomic: [irq]}\n")
                .find("invalid value 'irq' for 'needs_atomic'"),
            std::string::npos);
  EXPECT_NE(apiError("functions:\n  - {name: a, lock: {arg: 0}}\n")
                .find("needs an 'action'"),
            std::string::npos);
  EXPECT_NE(apiError("functions:\n  - {name: a, lock: {action: take}}\n")
                .find("invalid value 'take' for 'lock.action'"),
            std::string::npos);
  EXPECT_NE(apiError("functions:\n  - {name: a, waits_for_ipi: {wait: 1}}\n")
                .find("unknown key 'wait'"),
            std::string::npos);
  EXPECT_NE(apiError("functions:\n  - {name: a, map: {kind: local}, unmap: "
                     "{kind: local}}\n")
                .find("has both 'map' and 'unmap'"),
            std::string::npos);
  EXPECT_NE(apiError("functions:\n  - {name: a, escapes_args: 1}\n")
                .find("expected a list of argument indexes"),
            std::string::npos);
  EXPECT_NE(apiError("functions:\n  - name: ''\n").find("non-empty 'name'"),
            std::string::npos);
  EXPECT_NE(apiError("functions:\n  - 3\n")
                .find("expected a mapping for an API entry"),
            std::string::npos);
}

TEST(RulesLoader, CheckFile) {
  auto S =
      loadCheckFile("t.yaml", std::string(GoodCheck) +
                                  "options:\n  - {name: X, default: '1'}\n");
  ASSERT_TRUE(bool(S)) << llvm::toString(S.takeError());
  EXPECT_EQ(S->Id, "t");
  EXPECT_EQ(S->Level, Severity::Warning);
  ASSERT_EQ(S->Options.size(), 1u);
  EXPECT_EQ(S->Options[0].Default, "1");
}

TEST(RulesLoader, CheckFileErrors) {
  EXPECT_NE(checkError("id: t\n").find("check file has no 'severity' key"),
            std::string::npos);
  EXPECT_NE(checkError(std::string(GoodCheck) + "sevirity: x\n")
                .find("did you mean 'severity'"),
            std::string::npos);
  std::string Bad = GoodCheck;
  Bad.replace(Bad.find("warning"), 7, "fatal");
  EXPECT_NE(checkError(Bad).find(
                "2:11: invalid 'severity'; expected note, warning or error"),
            std::string::npos)
      << checkError(Bad);
  EXPECT_NE(checkError("id: t\nseverity: warning\nsummary: s\ndescription: "
                       "d\nexamples:\n  bad: b\n")
                .find("needs both 'bad' and 'good'"),
            std::string::npos);
  EXPECT_NE(checkError(std::string(GoodCheck) + "options: {a: 1}\n")
                .find("'options' to be a list"),
            std::string::npos);
  EXPECT_NE(checkError(std::string(GoodCheck) + "options:\n  - {name: X}\n")
                .find("needs 'name' and 'default'"),
            std::string::npos);
}

TEST(RulesLoader, DirectoryMismatchedId) {
  llvm::SmallString<128> Dir;
  ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("kmapcheck-rules", Dir));
  llvm::SmallString<128> Checks(Dir);
  llvm::sys::path::append(Checks, "checks");
  ASSERT_FALSE(llvm::sys::fs::create_directories(Checks));
  llvm::SmallString<128> F(Checks);
  llvm::sys::path::append(F, "other.yaml");
  {
    std::error_code EC;
    llvm::raw_fd_ostream OS(F, EC);
    OS << GoodCheck;
  }
  auto R = loadRules({std::string(Dir)});
  ASSERT_FALSE(bool(R));
  std::string E = llvm::toString(R.takeError());
  EXPECT_NE(E.find("other.yaml:1:5: check id 't' does not match the file name"),
            std::string::npos)
      << E;
  auto Missing = loadRules({std::string(Dir) + "/nope"});
  ASSERT_FALSE(bool(Missing));
  EXPECT_NE(llvm::toString(Missing.takeError())
                .find("rules directory does not exist"),
            std::string::npos);
  llvm::sys::fs::remove_directories(Dir);
}

TEST(RulesLoader, LockDeclarations) {
  std::vector<LockDecl> Locks;
  ASSERT_FALSE(bool(loadLocksFile("l.yaml", R"(locks:
  - name: kmap_lock
    taken_by: [lock_kmap]
    irq_off_in: [ARCH_NEEDS_KMAP_HIGH_GET]
    guards:
      variables: [pkmap_count, last_pkmap_nr]
      accessors:
        - {read: page_address, write: set_page_address}
)",
                                  Locks)));
  ASSERT_EQ(Locks.size(), 1u);
  EXPECT_EQ(Locks[0].Name, "kmap_lock");
  EXPECT_EQ(Locks[0].IrqOffIn[0], "ARCH_NEEDS_KMAP_HIGH_GET");
  EXPECT_EQ(Locks[0].GuardedVariables.size(), 2u);
  EXPECT_EQ(Locks[0].Accessors[0].second, "set_page_address");
}

TEST(RulesLoader, LockDeclarationErrors) {
  auto Err = [](llvm::StringRef Y) {
    std::vector<LockDecl> L;
    llvm::Error E = loadLocksFile("l.yaml", Y, L);
    return E ? llvm::toString(std::move(E)) : std::string();
  };
  EXPECT_EQ(Err("locks:\n  - name: a\n    gaurds: {}\n"),
            "l.yaml:3:5: unknown key 'gaurds' in a lock declaration; did you "
            "mean 'guards'?");
  EXPECT_NE(Err("locks:\n  - taken_by: [x]\n")
                .find("2:5: lock declaration has no 'name'"),
            std::string::npos);
  EXPECT_NE(Err("locks:\n  - name: a\n    guards: {accessors: [{write: w}]}\n")
                .find("an accessor needs 'read'"),
            std::string::npos);
  EXPECT_NE(Err("lock: []\n").find("did you mean 'locks'"), std::string::npos);
}

TEST(RulesLoader, SleepByGfpFlags) {
  ApiModel M;
  ASSERT_FALSE(llvm::errorToBool(loadApiFile(
      "a.yaml",
      "gfp_direct_reclaim: {value: 0x400, macro: ___GFP_DIRECT_RECLAIM}\n"
      "functions:\n  - {name: kmalloc, might_sleep_if: {gfp_arg: 1}}\n",
      M)));
  M.finalize();
  EXPECT_EQ(M.lookupName("kmalloc")->SleepGfpArg, 1);
  EXPECT_FALSE(M.lookupName("kmalloc")->MightSleep);
  EXPECT_FALSE(M.bodyIsModel("kmalloc")); // an allocation is client code
  EXPECT_EQ(M.gfpSleepBit(), 0x400u);
  EXPECT_EQ(M.gfpSleepMacro(), "___GFP_DIRECT_RECLAIM");
  EXPECT_NE(apiError("functions:\n  - {name: a, might_sleep_if: {gfp: 1}}\n")
                .find("unknown key 'gfp' in 'might_sleep_if'; expected one "
                      "of: gfp_arg"),
            std::string::npos);
  EXPECT_NE(apiError("functions:\n  - {name: a, might_sleep_if: {}}\n")
                .find("'might_sleep_if' needs a 'gfp_arg'"),
            std::string::npos);
  EXPECT_NE(apiError("gfp_direct_reclaim: {value: 0x600}\nfunctions: []\n")
                .find("1:29: expected a single bit (an integer such as 0x400) "
                      "for 'gfp_direct_reclaim.value'"),
            std::string::npos)
      << apiError("gfp_direct_reclaim: {value: 0x600}\nfunctions: []\n");
}
