// The floor for CLI start-up: a C++ program that links the standard library and prints one line.
// bench/scale times it beside `mlkg show glue`, so the start-up figure reads against this machine.
#include <iostream>

int main() { std::cout << "glue\n"; }
