//===- main.cpp - kmapcheck -----------------------------------------------===//
#include "tool/Driver.h"
#include "tool/TUAnalysis.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/TargetSelect.h"
#include <csignal>

int main(int argc, const char **argv) {
  llvm::InitLLVM X(argc, argv);
  llvm::InitializeAllTargetInfos();
  llvm::InitializeAllTargetMCs();
  llvm::InitializeAllAsmParsers();
  // A TU that crashes clang or a check is an error of that TU only.
  kmapcheck::enableCrashRecovery();
  // A reader that closes stdout early (kmapcheck ... | head) makes writes
  // fail with EPIPE, which the driver treats as the reader's choice; it does
  // not end the run (and the fixes) with a signal.
  std::signal(SIGPIPE, SIG_IGN);
  int Exit = kmapcheck::runKmapcheck(
      argv[0], llvm::ArrayRef<const char *>(argv + 1, argv + argc),
      llvm::outs(), llvm::errs());
  // Output errors were reported (or are the reader's choice); they must not
  // become "IO failure on output stream" at exit.
  llvm::outs().flush();
  llvm::outs().clear_error();
  llvm::errs().clear_error();
  return Exit;
}
