import { compileBenchmark } from './schema-benchmarks.mjs';

export default compileBenchmark(5000, 500);
