/**
 * The {@code tidings} command line (picocli): one class per command, each parsing its options,
 * calling the composition root's parts and printing the result. Errors reach the user as one sentence
 * on stderr; exit codes follow the contract: 0 success, 1 runtime failure, 2 usage error.
 */
package dev.tidings.cli;
