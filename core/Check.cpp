//===- Check.cpp - Options and findings of the check base class -----------===//
#include "core/Check.h"

namespace kmapcheck {

Check::~Check() = default;

std::string Check::option(llvm::StringRef Name) const {
  auto It = Options.find(Name.str());
  return It == Options.end() ? std::string() : It->second;
}

bool Check::boolOption(llvm::StringRef Name) const {
  llvm::StringRef V = option(Name);
  return V.equals_insensitive("true") || V == "1" ||
         V.equals_insensitive("yes");
}

int Check::intOption(llvm::StringRef Name, int Default) const {
  int V;
  if (llvm::StringRef(option(Name)).getAsInteger(10, V))
    return Default;
  return V;
}

Finding Check::makeFinding(TUContext &Ctx, clang::SourceLocation Loc,
                           std::string Message) const {
  Finding F;
  F.CheckId = Spec.Id;
  F.Level = Spec.Level;
  F.Loc = Ctx.pos(Loc);
  F.End = Ctx.tokenEnd(Loc);
  F.Message = std::move(Message);
  return F;
}

} // namespace kmapcheck
