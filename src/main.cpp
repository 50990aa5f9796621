#include "mlkg/atomic_file.hpp"
#include "mlkg/cli.hpp"

#include <iostream>
#include <unistd.h>

int main(int argc, char** argv) {
  mlkg::remove_temporaries_on_signals();
  return mlkg::cli::run(std::vector<std::string>(argv + 1, argv + argc), {std::cin, ::isatty(STDIN_FILENO) == 1},
                        {std::cout, ::isatty(STDOUT_FILENO) == 1}, std::cerr);
}
