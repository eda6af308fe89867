import { emitBenchmark } from './schema-benchmarks.mjs';

export default emitBenchmark(5000);
