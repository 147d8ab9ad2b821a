//===- Check.h - Base class of every kmapcheck check ------------*- C++ -*-===//
//
// One check = checks/<Name>Check.{h,cpp} + rules/checks/<id>.yaml +
// test/checks/<id>/. A check reads its options from its YAML spec (defaults,
// possibly overridden on the command line) in its constructor and emits
// Findings through the TUContext. It never prints.
//
//===----------------------------------------------------------------------===//
#ifndef KMAPCHECK_CORE_CHECK_H
#define KMAPCHECK_CORE_CHECK_H

#include "core/RulesLoader.h"
#include "core/TUContext.h"
#include <map>
#include <memory>

namespace kmapcheck {

/// Option values for one check: the YAML defaults overlaid with the user's.
using CheckOptions = std::map<std::string, std::string>;

class PathCheck;

class Check {
public:
  Check(const CheckSpec &Spec, CheckOptions Options)
      : Spec(Spec), Options(std::move(Options)) {}
  virtual ~Check();

  llvm::StringRef id() const { return Spec.Id; }
  Severity severity() const { return Spec.Level; }

  /// Runs on a fully parsed translation unit, after the path engine.
  virtual void run(TUContext &Ctx) = 0;
  /// Path-sensitive checks also react to the shared engine's events, which
  /// run before run() (core/engine/PathCheck.h).
  virtual PathCheck *asPathCheck() { return nullptr; }

  std::string option(llvm::StringRef Name) const;
  bool boolOption(llvm::StringRef Name) const;
  int intOption(llvm::StringRef Name, int Default) const;

protected:
  /// A finding of this check at \p Loc with its id and severity filled in.
  Finding makeFinding(TUContext &Ctx, clang::SourceLocation Loc,
                      std::string Message) const;

  const CheckSpec &Spec;
  CheckOptions Options;
};

} // namespace kmapcheck

#endif
