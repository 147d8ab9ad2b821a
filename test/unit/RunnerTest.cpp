//===- RunnerTest.cpp - The order --shard deals the TUs in ----------------===//
#include "tool/Runner.h"
#include "CiTestUtil.h"

using namespace kmapcheck;
using namespace kmapcheck::test;

namespace {
CompileCommand command(std::string File) {
  CompileCommand C;
  C.File = std::move(File);
  return C;
}
} // namespace

// --shard deals the TUs largest main file first; equal sizes by name, then
// in the database's order; an unreadable file counts as empty.
TEST(Runner, LargestFirst) {
  TempDir D;
  std::vector<CompileCommand> Commands{
      command(D.file("small.c", "int a;\n")),
      command(D.file("b-large.c", std::string(300, 'x'))),
      command(D.path() + "/missing.c"),
      command(D.file("a-large.c", std::string(300, 'y'))),
      command(D.file("medium.c", std::string(100, 'z'))),
      command(D.file("small.c", "int a;\n")),
  };
  std::vector<size_t> Order = largestFirst(Commands);
  EXPECT_EQ(Order, (std::vector<size_t>{3, 1, 4, 0, 5, 2}));
}

TEST(Runner, LargestFirstOfNothing) { EXPECT_TRUE(largestFirst({}).empty()); }
