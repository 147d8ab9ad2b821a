//===- CheckFilterTest.cpp ------------------------------------------------===//
#include "tool/CheckFilter.h"
#include <gtest/gtest.h>

using namespace kmapcheck;

TEST(CheckFilter, Globs) {
  std::vector<std::string> Known{"kmap-deprecated-api", "kmap-leak",
                                 "pagefault-balance"};
  auto F = CheckFilter::parse("-*,kmap-*,-kmap-leak", Known);
  ASSERT_TRUE(bool(F));
  EXPECT_TRUE(F->enabled("kmap-deprecated-api"));
  EXPECT_FALSE(F->enabled("kmap-leak"));
  EXPECT_FALSE(F->enabled("pagefault-balance"));
  auto All = CheckFilter::parse("*", Known);
  EXPECT_TRUE(All->enabled("pagefault-balance"));
}

TEST(CheckFilter, UnknownIdSuggests) {
  std::vector<std::string> Known{"kmap-deprecated-api"};
  auto F = CheckFilter::parse("kmap-deprecated", Known);
  ASSERT_FALSE(bool(F));
  EXPECT_EQ(llvm::toString(F.takeError()),
            "unknown check 'kmap-deprecated' in --checks; did you mean "
            "'kmap-deprecated-api'?");
}
