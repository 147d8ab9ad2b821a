//===- CompileDatabaseTest.cpp --------------------------------------------===//
#include "tool/CompileDatabase.h"
#include <gtest/gtest.h>

using namespace kmapcheck;

TEST(CompileDatabase, ParsesCommandAndArguments) {
  auto DB = parseCompileDatabase(
      "cc.json",
      R"([{"directory": "/k", "file": "mm/a.c", "command": "gcc -DA=\"x y\" -c mm/a.c"},
          {"directory": "/k", "file": "/k/mm/b.c", "arguments": ["gcc", "-DB", "mm/b.c"]}])");
  ASSERT_TRUE(bool(DB)) << llvm::toString(DB.takeError());
  ASSERT_EQ(DB->size(), 2u);
  EXPECT_EQ((*DB)[0].File, "/k/mm/a.c");
  ASSERT_EQ((*DB)[0].Argv.size(), 4u);
  EXPECT_EQ((*DB)[0].Argv[1], "-DA=x y");
  EXPECT_EQ((*DB)[1].Argv[1], "-DB");
}

TEST(CompileDatabase, SyntaxErrorNamesLineAndColumn) {
  auto DB = parseCompileDatabase(
      "/t/compile_commands.json",
      "[\n  {\"directory\": \"/k\",\n  \"file\" \"a.c\"}\n]");
  ASSERT_FALSE(bool(DB));
  std::string E = llvm::toString(DB.takeError());
  EXPECT_EQ(
      E.rfind("/t/compile_commands.json:3:10: malformed compile database:", 0),
      0u)
      << E;
}

TEST(CompileDatabase, StructuralErrors) {
  auto NotArray = parseCompileDatabase("c.json", "{}");
  ASSERT_FALSE(bool(NotArray));
  EXPECT_NE(llvm::toString(NotArray.takeError()).find("expected a JSON array"),
            std::string::npos);
  auto NoFile = parseCompileDatabase(
      "c.json", R"([{"directory": "/k", "command": "gcc"}])");
  ASSERT_FALSE(bool(NoFile));
  EXPECT_NE(llvm::toString(NoFile.takeError())
                .find("entry 0: missing string key 'file'"),
            std::string::npos);
  auto NoCmd =
      parseCompileDatabase("c.json", R"([{"directory": "/k", "file": "a.c"}])");
  ASSERT_FALSE(bool(NoCmd));
  EXPECT_NE(llvm::toString(NoCmd.takeError())
                .find("missing 'command' string or 'arguments' array"),
            std::string::npos);
  auto Empty = parseCompileDatabase("c.json", "[]");
  ASSERT_TRUE(bool(Empty));
  EXPECT_TRUE(Empty->empty());
}

TEST(CompileDatabase, ShellSplitting) {
  auto V = splitCommandLine("gcc -D'A B' \"-DC=\\\"q\\\"\" x\\ y.c");
  ASSERT_EQ(V.size(), 4u);
  EXPECT_EQ(V[1], "-DA B");
  EXPECT_EQ(V[2], "-DC=\"q\"");
  EXPECT_EQ(V[3], "x y.c");
}

TEST(CompileDatabase, CommandsSplitLazily) {
  auto DB = parseCompileDatabase(
      "cc.json",
      R"([{"directory": "/k", "file": "mm/a.c", "command": "gcc -DA=\"x y\" -c mm/a.c"}])",
      /*SplitCommands=*/false);
  ASSERT_TRUE(bool(DB)) << llvm::toString(DB.takeError());
  CompileCommand &C = (*DB)[0];
  EXPECT_TRUE(C.Argv.empty());
  splitCommand(C);
  ASSERT_EQ(C.Argv.size(), 4u);
  EXPECT_EQ(C.Argv[1], "-DA=x y");
  EXPECT_TRUE(C.Command.empty());
}

TEST(CompileDatabase, BlankCommandIsAnError) {
  for (bool Split : {true, false}) {
    auto DB = parseCompileDatabase(
        "cc.json", R"([{"directory": "/k", "file": "a.c", "command": "  "}])",
        Split);
    ASSERT_FALSE(bool(DB));
    EXPECT_EQ(llvm::toString(DB.takeError()),
              "cc.json: entry 0: empty command");
  }
}
