export function App() {
  return <main>KLOA Personalization Workbench</main>;
}
