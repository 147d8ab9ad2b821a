//===- CommandSanitizerTest.cpp -------------------------------------------===//
#include "tool/CommandSanitizer.h"
#include "llvm/ADT/STLExtras.h"
#include <gtest/gtest.h>

using namespace kmapcheck;

namespace {
bool has(const std::vector<std::string> &V, llvm::StringRef S) {
  return llvm::is_contained(V, S.str());
}
SanitizedCommand run(std::vector<std::string> Argv) {
  return sanitizeCommand(Argv, "mm/highmem.c");
}
} // namespace

TEST(CommandSanitizer, KernelGccCommand) {
  SanitizedCommand S = run({"gcc",
                            "-Wp,-MMD,mm/.highmem.o.d",
                            "-nostdinc",
                            "-I./include",
                            "-D__KERNEL__",
                            "-mpreferred-stack-boundary=3",
                            "-mindirect-branch=thunk-extern",
                            "-mindirect-branch-register",
                            "-fno-allow-store-data-races",
                            "-fconserve-stack",
                            "-mskip-rax-setup",
                            "-mrecord-mcount",
                            "-fmin-function-alignment=16",
                            "-fsanitize=bounds-strict",
                            "-Werror",
                            "-Werror=implicit-int",
                            "-fno-ipa-sra",
                            "-std=gnu11",
                            "-O2",
                            "-c",
                            "-o",
                            "mm/highmem.o",
                            "mm/highmem.c"});
  EXPECT_TRUE(has(S.Args, "-nostdinc"));
  EXPECT_TRUE(has(S.Args, "-I./include"));
  EXPECT_TRUE(has(S.Args, "-D__KERNEL__"));
  EXPECT_TRUE(has(S.Args, "-std=gnu11"));
  EXPECT_TRUE(has(S.Args, "-mstack-alignment=8"));
  EXPECT_TRUE(has(S.Args, "-mretpoline-external-thunk"));
  EXPECT_TRUE(has(S.Args, "-falign-functions=16"));
  EXPECT_TRUE(has(S.Args, "-fsanitize=array-bounds"));
  for (llvm::StringRef Gone :
       {"-Wp,-MMD,mm/.highmem.o.d", "-mindirect-branch-register",
        "-fno-allow-store-data-races", "-fconserve-stack", "-Werror",
        "-Werror=implicit-int", "-fno-ipa-sra", "-c", "-o", "mm/highmem.o",
        "mm/highmem.c", "-mpreferred-stack-boundary=3"})
    EXPECT_FALSE(has(S.Args, Gone)) << Gone.str();
  EXPECT_TRUE(S.Target.empty());
}

TEST(CommandSanitizer, UnknownFlagsAreDroppedByTheOptionTable) {
  SanitizedCommand S = run({"gcc", "-fthis-flag-does-not-exist",
                            "-mno-such-machine-flag=3", "-DX=1", "x.c"});
  EXPECT_FALSE(has(S.Args, "-fthis-flag-does-not-exist"));
  EXPECT_FALSE(has(S.Args, "-mno-such-machine-flag=3"));
  EXPECT_TRUE(has(S.Dropped, "-fthis-flag-does-not-exist"));
  EXPECT_TRUE(has(S.Args, "-DX=1"));
}

TEST(CommandSanitizer, SeparateValuesStayTogether) {
  SanitizedCommand S =
      run({"gcc", "-include", "./include/linux/kconfig.h", "-isystem",
           "/usr/lib/gcc/include", "-MF", "dep.d", "mm/highmem.c"});
  ASSERT_EQ(S.Args.size(), 4u);
  EXPECT_EQ(S.Args[0], "-include");
  EXPECT_EQ(S.Args[1], "./include/linux/kconfig.h");
  EXPECT_EQ(S.Args[2], "-isystem");
  EXPECT_FALSE(has(S.Args, "dep.d"));
}

TEST(CommandSanitizer, NeverPassesPlugins) {
  SanitizedCommand S = run(
      {"gcc", "-fplugin=./scripts/gcc-plugins/latent_entropy_plugin.so",
       "-fplugin-arg-latent_entropy_plugin-disable", "-fpass-plugin=evil.so",
       "-load", "evil.so", "-Xclang", "-load", "-Xclang", "evil2.so", "-Xclang",
       "-add-plugin", "-Xclang", "foo", "-DOK", "mm/highmem.c"});
  for (const std::string &A : S.Args) {
    EXPECT_EQ(A.find("plugin"), std::string::npos) << A;
    EXPECT_EQ(A.find("evil"), std::string::npos) << A;
    EXPECT_NE(A, "-load");
    EXPECT_NE(A, "-Xclang");
  }
  EXPECT_TRUE(has(S.Args, "-DOK"));
}

TEST(CommandSanitizer, CrossCompilerPrefixBecomesTarget) {
  EXPECT_EQ(targetFromCompilerName("arm-linux-gnueabi-gcc"),
            "arm-linux-gnueabi");
  EXPECT_EQ(targetFromCompilerName("/usr/bin/aarch64-linux-gnu-gcc-12"),
            "aarch64-linux-gnu");
  EXPECT_EQ(targetFromCompilerName("gcc"), "");
  EXPECT_EQ(targetFromCompilerName("gcc-12"), "");
  EXPECT_EQ(targetFromCompilerName("clang-19"), "");
  EXPECT_EQ(targetFromCompilerName("x86_64-linux-gnu-gcc"), "x86_64-linux-gnu");
  SanitizedCommand S = run({"ccache", "arm-linux-gnueabi-gcc", "-DX", "a.c"});
  EXPECT_EQ(S.Target, "arm-linux-gnueabi");
  EXPECT_TRUE(has(S.Args, "-DX"));
}
