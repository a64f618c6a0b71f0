// Decision trees: follow a reader's answers from the start question. No DOM here.

// Walk the answers from the start; stop at the first one that does not fit the tree.
export function walk(tree, ids) {
  const steps = [];
  let node = tree.start;
  for (const id of ids) {
    const q = tree.questions[node];
    const answer = q && q.answers.find((a) => a.id === id);
    if (!answer) return { steps, node, valid: false };
    steps.push({ question: node, text: q.question, answer });
    node = answer.next;
  }
  return { steps, node, valid: true };
}
