/** The standalone demo page. */
export function DemoApp() {
  return (
    <main>
      <h1>rivulet</h1>
      <p>A streaming chat widget for LLM answers.</p>
    </main>
  );
}
