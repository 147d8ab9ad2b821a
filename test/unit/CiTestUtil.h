//===- CiTestUtil.h - Helpers for the CI feature tests ----------*- C++ -*-===//
#ifndef KMAPCHECK_TEST_UNIT_CITESTUTIL_H
#define KMAPCHECK_TEST_UNIT_CITESTUTIL_H

#include "core/Finding.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <gtest/gtest.h>
#include <string>

namespace kmapcheck {
namespace test {

/// A fresh temporary directory, removed at the end of the test.
class TempDir {
public:
  TempDir() {
    EXPECT_FALSE(llvm::sys::fs::createUniqueDirectory("kmapcheck-ci", Path));
  }
  ~TempDir() { llvm::sys::fs::remove_directories(Path); }
  std::string file(llvm::StringRef Name, llvm::StringRef Text) const {
    llvm::SmallString<256> P(Path);
    llvm::sys::path::append(P, Name);
    llvm::sys::fs::create_directories(llvm::sys::path::parent_path(P));
    std::error_code EC;
    llvm::raw_fd_ostream OS(P, EC);
    EXPECT_FALSE(EC);
    OS << Text;
    return std::string(P);
  }
  std::string path() const { return std::string(Path); }

private:
  llvm::SmallString<256> Path;
};

inline Finding finding(const std::string &File, unsigned Line, unsigned Col,
                       std::string Id = "kmap-leak",
                       std::string Msg = "mapping leaks") {
  Finding F;
  F.CheckId = std::move(Id);
  F.Loc = {File, Line, Col, 0};
  F.End = {File, Line, Col + 4, 0};
  F.Message = std::move(Msg);
  F.Function = "f";
  return F;
}

} // namespace test
} // namespace kmapcheck

#endif
