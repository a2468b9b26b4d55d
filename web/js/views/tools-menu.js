// On narrow screens the header's tools (Real data, Save/Load model, Export, Embed) fold into
// a "More" menu so the training controls keep their row; Share stays visible. On wide
// screens the button is hidden by CSS and every tool shows inline.
export function installToolsMenu(tools) {
  const toggle = tools.querySelector('.tools-more');
  const close = () => {
    tools.classList.remove('open');
    toggle.setAttribute('aria-expanded', 'false');
  };
  toggle.addEventListener('click', (event) => {
    event.stopPropagation();
    const open = !tools.classList.contains('open');
    tools.classList.toggle('open', open);
    toggle.setAttribute('aria-expanded', String(open));
    if (open) tools.querySelector('.tools-menu button, .tools-menu .button')?.focus();
  });
  // A chosen tool, a click elsewhere or Escape closes the menu.
  tools.querySelector('.tools-menu').addEventListener('click', () => close());
  document.addEventListener('click', (event) => { if (!tools.contains(event.target)) close(); });
  tools.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && tools.classList.contains('open')) {
      close();
      toggle.focus();
    }
  });
}
