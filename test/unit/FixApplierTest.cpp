//===- FixApplierTest.cpp -------------------------------------------------===//
#include "tool/FixApplier.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"
#include <gtest/gtest.h>

using namespace kmapcheck;

namespace {
std::string makeFile(llvm::StringRef Text) {
  llvm::SmallString<128> P;
  int FD;
  EXPECT_FALSE(llvm::sys::fs::createTemporaryFile("fix", "c", FD, P));
  llvm::raw_fd_ostream OS(FD, true);
  OS << Text;
  return std::string(P);
}
std::string read(const std::string &P) {
  return (*llvm::MemoryBuffer::getFile(P))->getBuffer().str();
}
Finding fix(const std::string &File, unsigned Off, unsigned Len,
            std::string Text) {
  Finding F;
  F.CheckId = "kmap-deprecated-api";
  F.Loc = {File, 1, Off + 1, Off};
  F.Fixes.push_back({File, Off, Len, std::move(Text)});
  return F;
}
} // namespace

TEST(FixApplier, AppliesAndRefusesConflicts) {
  std::string P = makeFile("kmap(p); kunmap(p);\n");
  std::vector<Finding> Fs{fix(P, 0, 4, "kmap_local_page"),
                          fix(P, 2, 4, "zz"), // overlaps the first
                          fix(P, 9, 6, "kunmap_local")};
  FixOutcome O = applyFixes(Fs);
  EXPECT_EQ(O.AppliedFixes, 2u);
  EXPECT_EQ(O.RefusedFixes, 1u);
  ASSERT_EQ(O.Messages.size(), 1u);
  EXPECT_NE(O.Messages[0].find("conflicts with another fix-it"),
            std::string::npos);
  EXPECT_EQ(read(P), "kmap_local_page(p); kunmap_local(p);\n");
  llvm::sys::fs::remove(P);
}

TEST(FixApplier, ReadOnlyFileIsLeftAlone) {
  std::string P = makeFile("kmap(p);\n");
  llvm::sys::fs::setPermissions(P, llvm::sys::fs::owner_read);
  FixOutcome O = applyFixes({fix(P, 0, 4, "kmap_local_page")});
  EXPECT_TRUE(O.HadError);
  EXPECT_NE(O.Messages[0].find("read-only"), std::string::npos);
  EXPECT_EQ(read(P), "kmap(p);\n");
  llvm::sys::fs::setPermissions(P, llvm::sys::fs::all_read |
                                       llvm::sys::fs::owner_write);
  llvm::sys::fs::remove(P);
}

TEST(FixApplier, OutOfRangeLeavesFileUntouched) {
  std::string P = makeFile("x\n");
  FixOutcome O = applyFixes({fix(P, 10, 4, "y")});
  EXPECT_TRUE(O.HadError);
  EXPECT_EQ(read(P), "x\n");
  llvm::sys::fs::remove(P);
}
