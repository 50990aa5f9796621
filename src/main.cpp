#include "mlkg/cli.hpp"

#include <iostream>

int main(int argc, char** argv) {
  return mlkg::cli::run(std::vector<std::string>(argv + 1, argv + argc), std::cout, std::cerr);
}
