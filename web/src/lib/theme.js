// Light and dark themes: the system's choice until the user picks one with the
// toggle, which is remembered. The CSS reads `color-scheme` through light-dark().

const THEME_KEY = 'shipshape.theme';
const systemDark = matchMedia('(prefers-color-scheme: dark)');

function storedChoice() {
  try {
    return localStorage.getItem(THEME_KEY);
  } catch {
    return null;
  }
}

/** @param {HTMLButtonElement} toggle a button labelled with the theme in use, which switches to the other */
export function initTheme(toggle) {
  let choice = storedChoice();
  const isDark = () => (choice ?? (systemDark.matches ? 'dark' : 'light')) === 'dark';
  const apply = () => {
    const [theme, other] = isDark() ? ['dark', 'light'] : ['light', 'dark'];
    document.documentElement.dataset.theme = theme;
    toggle.textContent = `Theme: ${theme}`;
    toggle.title = `Switch to the ${other} theme`;
  };
  toggle.addEventListener('click', () => {
    choice = isDark() ? 'light' : 'dark';
    try {
      localStorage.setItem(THEME_KEY, choice);
    } catch {
      // Storage refused: the choice lasts until the page closes.
    }
    apply();
  });
  systemDark.addEventListener('change', apply);
  apply();
}
