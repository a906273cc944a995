/**
 * Benchmarks of alertline (see docs/PERFORMANCE.md and scripts/bench.sh): JMH microbenchmarks of the
 * hot pure functions ({@code jmh}), the bare-WebFlux ceiling app ({@code ceiling}) and the load,
 * scrape and report tools ({@code tool}). Nothing here is used by the services.
 */
package io.alertline.bench;
