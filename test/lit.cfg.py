# lit configuration for kmapcheck's test suites.
import os
import sys
import atexit
import shutil
import tempfile
import lit.formats

config.name = "kmapcheck"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".c", ".test"]
config.excludes = ["Inputs", "unit", "CMakeLists.txt", "check_kmapcheck.py"]
config.test_source_root = os.path.join(config.kmapcheck_src, "test")

config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, config.environment.get("PATH", os.environ["PATH"])])
config.environment["HOME"] = os.environ.get("HOME", "/tmp")

inputs = os.path.join(config.test_source_root, "Inputs")
mock = os.path.join(inputs, "include")
config.substitutions.append(("%kmapcheck", config.kmapcheck_bin))
config.substitutions.append(("%clang", config.clang))
config.substitutions.append(("%inputs", inputs))
config.substitutions.append(("%src_root", config.kmapcheck_src))
config.substitutions.append(("%python", sys.executable))
config.substitutions.append(("%cmake", config.cmake))
config.substitutions.append(("%build_root", config.build_root))
# Parses a C++ source of kmapcheck (checks/, core/) against LLVM and Clang:
# %cxx_syntax -I<tree> file.cpp
config.substitutions.append(("%cxx_syntax", " ".join(
    [config.clang, "-fsyntax-only", "-std=c++17"] +
    ["-isystem " + d for d in sorted(set(config.llvm_include_dirs.split(";")))
     if d])))
# Mock kernel headers, HIGHMEM and !HIGHMEM configurations.
config.substitutions.append(("%mock_highmem", "-I%s -DCONFIG_HIGHMEM=1" % mock))
config.substitutions.append(("%mock_nohighmem", "-I%s" % mock))
# The reference implementation's headers, for its one pool code
# (reference/mm/highmem.c) and scenarios.
config.substitutions.append(("%ref_flags", "-std=gnu11 -I%s" % os.path.join(
    config.kmapcheck_src, "reference", "include")))
config.substitutions.append(("%ref_pool", os.path.join(
    config.kmapcheck_src, "reference", "mm", "highmem.c")))
config.substitutions.append(("%apply_replacements", config.clang_apply_replacements))
# One RUN line for a fix test: analyse, check the messages, apply the fixes,
# check the fixed file, analyse it again, recompile it (test/check_kmapcheck.py).
config.substitutions.append(("%check_kmapcheck", " ".join([
    sys.executable, os.path.join(config.test_source_root, "check_kmapcheck.py"),
    "--kmapcheck", config.kmapcheck_bin, "--clang", config.clang,
    "--filecheck", os.path.join(config.llvm_tools_dir, "FileCheck"),
    "--apply-replacements", config.clang_apply_replacements])))
# A directory outside the build tree (which has a compile_commands.json),
# unique to this lit run, so that concurrent runs never share it.
tmp_outside = tempfile.mkdtemp(prefix="kmapcheck-lit-")
atexit.register(shutil.rmtree, tmp_outside, ignore_errors=True)
config.substitutions.append(("%tmp_outside", tmp_outside))
config.substitutions.append(("%expect_exit", "sh " + os.path.join(inputs, "expect-exit.sh")))
