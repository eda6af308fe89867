import { validationBenchmark } from './schema-benchmarks.mjs';

export default validationBenchmark('practitioner-ehc');
