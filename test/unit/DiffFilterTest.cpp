//===- DiffFilterTest.cpp - --diff-base and --line-filter -----------------===//
#include "tool/DiffFilter.h"
#include "CiTestUtil.h"

#include "llvm/Support/Program.h"

using namespace kmapcheck;
using namespace kmapcheck::test;

TEST(LineFilter, ClangTidyJson) {
  auto F = parseLineFilter(
      R"([{"name":"fs/a.c","lines":[[3,5],[9,9]]},{"name":"b.h"}])");
  ASSERT_TRUE(bool(F)) << llvm::toString(F.takeError());
  EXPECT_TRUE(F->passes("/src/fs/a.c", 3));
  EXPECT_TRUE(F->passes("/src/fs/a.c", 5));
  EXPECT_FALSE(F->passes("/src/fs/a.c", 6));
  EXPECT_TRUE(F->passes("/src/fs/a.c", 9));
  EXPECT_FALSE(F->passes("/src/xfs/a.c", 3)); // suffix on a '/' boundary
  EXPECT_TRUE(F->passes("/src/include/b.h", 1000));
  EXPECT_FALSE(F->passes("/src/c.c", 1));
}

TEST(LineFilter, Errors) {
  auto E = [](llvm::StringRef J) {
    auto F = parseLineFilter(J);
    return F ? std::string() : llvm::toString(F.takeError());
  };
  EXPECT_NE(E("{"), "");
  EXPECT_EQ(E("{}"), "--line-filter: expected a JSON array of {\"name\": "
                     "file, \"lines\": [[first, last], ...]}");
  EXPECT_EQ(E(R"([{"lines":[[1,2]]}])"),
            "--line-filter: entry 1: expected a non-empty string \"name\"");
  EXPECT_EQ(E(R"([{"name":"a.c","lines":[[3,2]]}])"),
            "--line-filter: entry 1: expected a line range [first, last] "
            "with 1 <= first <= last");
}

TEST(DiffFilter, UnifiedDiff) {
  const char *Diff = "diff --git a/fs/a.c b/fs/a.c\n"
                     "--- a/fs/a.c\n"
                     "+++ b/fs/a.c\n"
                     "@@ -3 +3,2 @@ void f(void)\n"
                     "-old\n"
                     "+new\n"
                     "+new\n"
                     "@@ -10,2 +11,0 @@\n"
                     "-gone\n"
                     "-gone\n"
                     "@@ -20 +19 @@\n"
                     "diff --git a/old.c b/new.c\n"
                     "similarity index 90%\n"
                     "rename from old.c\n"
                     "rename to new.c\n"
                     "--- a/old.c\n"
                     "+++ b/new.c\n"
                     "@@ -1 +1 @@\n"
                     "diff --git a/del.c b/del.c\n"
                     "--- a/del.c\n"
                     "+++ /dev/null\n"
                     "@@ -1 +0,0 @@\n";
  LineFilter F;
  ASSERT_FALSE(bool(parseUnifiedDiff(Diff, "/repo", F)));
  EXPECT_FALSE(F.passes("/repo/fs/a.c", 2));
  EXPECT_TRUE(F.passes("/repo/fs/a.c", 3));
  EXPECT_TRUE(F.passes("/repo/fs/a.c", 4));
  EXPECT_FALSE(F.passes("/repo/fs/a.c", 5));
  EXPECT_FALSE(F.passes("/repo/fs/a.c", 11)); // only removed there
  EXPECT_TRUE(F.passes("/repo/fs/a.c", 19));
  EXPECT_TRUE(F.passes("/repo/new.c", 1));
  EXPECT_FALSE(F.passes("/repo/old.c", 1));
  EXPECT_FALSE(F.passes("/repo/del.c", 1));
}

static int git(const std::string &Dir, std::vector<llvm::StringRef> Args) {
  auto Git = llvm::sys::findProgramByName("git");
  EXPECT_TRUE(bool(Git));
  std::vector<llvm::StringRef> Argv{*Git,
                                    "-C",
                                    Dir,
                                    "-c",
                                    "user.name=t",
                                    "-c",
                                    "user.email=t@t",
                                    "-c",
                                    "commit.gpgsign=false"};
  Argv.insert(Argv.end(), Args.begin(), Args.end());
  std::optional<llvm::StringRef> Null[] = {
      llvm::StringRef(""), llvm::StringRef(""), llvm::StringRef("")};
  return llvm::sys::ExecuteAndWait(*Git, Argv, std::nullopt, Null);
}

TEST(DiffFilter, ChangedLinesSinceInARealRepository) {
  TempDir D;
  std::string A = D.file("a.c", "one\ntwo\nthree\n");
  D.file("old.c", "x\ny\nz\nw\nv\n");
  ASSERT_EQ(git(D.path(), {"init", "-q"}), 0);
  ASSERT_EQ(git(D.path(), {"add", "."}), 0);
  ASSERT_EQ(git(D.path(), {"commit", "-q", "-m", "base"}), 0);
  D.file("a.c", "zero\none\ntwo\nTHREE\n");
  ASSERT_EQ(git(D.path(), {"mv", "old.c", "new.c"}), 0);
  std::string New = D.file("new.c", "x\ny\nz\nW\nv\n");
  std::string Untracked = D.file("u.c", "u\n");
  auto F = changedLinesSince("HEAD", {A, New, Untracked});
  ASSERT_TRUE(bool(F)) << llvm::toString(F.takeError());
  std::vector<Finding> V{finding(A, 1, 1),   finding(A, 2, 1),
                         finding(A, 4, 1),   finding(New, 1, 1),
                         finding(New, 4, 1), finding(Untracked, 1, 1)};
  // Kept: a.c:1 (added), a.c:4 (changed), new.c:4 (changed in the renamed
  // file), u.c:1 (untracked); dropped: a.c:2, new.c:1 (unchanged).
  EXPECT_EQ(applyLineFilter(V, *F, /*RealPaths=*/true), 2u);
  ASSERT_EQ(V.size(), 4u);
  EXPECT_EQ(V[0].Loc.Line, 1u);
  EXPECT_EQ(V[1].Loc.Line, 4u);
  EXPECT_EQ(V[2].Loc.File, New);
  EXPECT_EQ(V[2].Loc.Line, 4u);
  EXPECT_EQ(V[3].Loc.File, Untracked);

  auto Bad = changedLinesSince("no-such-rev", {A});
  ASSERT_FALSE(bool(Bad));
  std::string Msg = llvm::toString(Bad.takeError());
  EXPECT_NE(Msg.find("--diff-base no-such-rev: git diff failed"),
            std::string::npos)
      << Msg;
}
