#include "mlkg/cli.hpp"

#include <iostream>
#include <unistd.h>

int main(int argc, char** argv) {
  return mlkg::cli::run(std::vector<std::string>(argv + 1, argv + argc), {std::cin, ::isatty(STDIN_FILENO) == 1},
                        std::cout, std::cerr);
}
