/** A Field's validationMessage slot with a test id (an object literal in JSX would fail the excess-property check). */
export function fieldMessage(
  children: string | undefined,
  testId: string,
): { children: string; 'data-testid': string } | undefined {
  return children ? { children, 'data-testid': testId } : undefined;
}
