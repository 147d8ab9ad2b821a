//===- main.cpp - kmapcheck -----------------------------------------------===//
#include "tool/Driver.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/TargetSelect.h"

int main(int argc, const char **argv) {
  llvm::InitLLVM X(argc, argv);
  llvm::InitializeAllTargetInfos();
  llvm::InitializeAllTargetMCs();
  llvm::InitializeAllAsmParsers();
  llvm::CrashRecoveryContext::Enable();
  return kmapcheck::runKmapcheck(
      argv[0], llvm::ArrayRef<const char *>(argv + 1, argv + argc),
      llvm::outs(), llvm::errs());
}
