/**
 * A compilable `.poet` survey of N questions, for the compile and validation benchmarks:
 * a consent gate, then sections of 20 questions of mixed kinds (single, multi with an
 * exclusive option and other-specify, number, text, date, grid), where most questions and
 * every fourth section are asked only if an earlier answer allows it. Deterministic.
 */
export function generateCompilableSurvey(questions) {
  const out = [];
  out.push(`survey gen_${questions} "Generated survey of ${questions} questions"`, '  version "1.0.0"', '  language "en-GB"', '');
  out.push('options yes_no {', '  1 yes "Yes"', '  2 no  "No"', '}', '');
  out.push('options agree5 {', '  1 strongly_agree "Strongly agree"', '  2 agree "Agree"', '  3 neither "Neither"', '  4 disagree "Disagree"', '  5 strongly_disagree "Strongly disagree"', '  98 dont_know "Don\'t know" missing dont_know', '}', '');
  out.push('consent consent "Do you agree to take part?"', '  options yes_no', '', 'if consent = no end "Thank you."', '');
  let n = 0;
  let section = 0;
  let lastSingle;
  while (n < questions) {
    section++;
    out.push(`section sec_${section} "Section ${section}" {`);
    if (section % 4 === 0 && lastSingle !== undefined) out.push(`  ask if ${lastSingle} = yes`, '');
    let previousSingle;
    for (let i = 0; i < 20 && n < questions; i++, n++) {
      const id = `q${n}`;
      const ask = previousSingle !== undefined && i % 2 === 1 ? `    ask if ${previousSingle} = yes\n` : '';
      switch (i % 10) {
        case 0:
        case 2:
        case 4:
        case 8:
          out.push(`  ${n + 1}) single ${id} "Question ${n + 1}?"\n${ask}    options yes_no`);
          if (i % 10 !== 8) previousSingle = id;
          else lastSingle = id;
          break;
        case 1:
          out.push(
            `  ${n + 1}) multi ${id} "Which apply? ${n + 1}"\n${ask}    optional\n    options {\n      1 a "A"\n      2 b "B"\n      3 c "C"\n      96 other "Other – please describe" specify\n      97 none "None of these" exclusive\n    }`,
          );
          break;
        case 3:
          out.push(`  ${n + 1}) number ${id} "How many? ${n + 1}"\n${ask}    min 0\n    max 1000\n    whole`);
          break;
        case 5:
          out.push(`  ${n + 1}) text ${id} "Name ${n + 1}"\n${ask}    optional\n    max 200`);
          break;
        case 6:
          out.push(`  ${n + 1}) grid ${id} "How far do you agree? ${n + 1}"\n${ask}    optional\n    scale agree5\n    rows {\n      r1 "First"\n      r2 "Second"\n      r3 "Third"\n    }`);
          break;
        case 7:
          out.push(`  ${n + 1}) date ${id} "When? ${n + 1}"\n${ask}    optional\n    min 2000-01-01\n    max today`);
          break;
        case 9:
          out.push(`  ${n + 1}) long_text ${id} "Anything else? ${n + 1}"\n${ask}    optional`);
          break;
      }
      out.push('');
    }
    out.push('}', '');
  }
  return out.join('\n');
}
