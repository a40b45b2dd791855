/**
 * Theme variables as VS Code injects them into a webview (values from its Light Modern, Dark Modern
 * and High Contrast themes), for the UI checks that load a webview page on its own. In high
 * contrast, like VS Code, the secondary button colours are not defined.
 */
export type Theme = 'light' | 'dark' | 'high-contrast';

export const THEMES: Record<Theme, { bodyClass: string; vars: Record<string, string> }> = {
  light: {
    bodyClass: 'vscode-light',
    vars: {
      foreground: '#3b3b3b', 'sideBar-background': '#f8f8f8', 'editor-background': '#ffffff', descriptionForeground: '#3b3b3b', focusBorder: '#005fb8',
      'button-background': '#005fb8', 'button-foreground': '#ffffff', 'button-hoverBackground': '#0258a8', 'button-border': '#0000001a',
      'button-secondaryBackground': '#e5e5e5', 'button-secondaryForeground': '#3b3b3b', 'button-secondaryHoverBackground': '#cccccc',
      'textLink-foreground': '#005fb8', 'textLink-activeForeground': '#005fb8', 'charts-blue': '#1a85ff', 'charts-red': '#e51400', 'charts-green': '#388a34', 'charts-yellow': '#bf8803',
      'widget-border': '#e5e5e5', 'editorWidget-background': '#f8f8f8', 'editorWidget-foreground': '#3b3b3b', 'badge-background': '#cccccc', 'badge-foreground': '#3b3b3b',
      'textCodeBlock-background': '#f0f0f0', 'keybindingLabel-background': '#dddddd66', 'keybindingLabel-foreground': '#3b3b3b', 'keybindingLabel-border': '#cccccc66', 'keybindingLabel-bottomBorder': '#bbbbbb66',
      errorForeground: '#a1260d', 'inputValidation-errorBorder': '#be1100', 'inputValidation-errorBackground': '#f2dede', 'textBlockQuote-background': '#f8f8f8', 'checkbox-background': '#f8f8f8',
      'notificationsInfoIcon-foreground': '#1a85ff', 'notificationsWarningIcon-foreground': '#bf8803', 'notificationsErrorIcon-foreground': '#e51400',
      'charts-orange': '#d18616', 'editorHoverWidget-background': '#f8f8f8', 'editorHoverWidget-foreground': '#3b3b3b', 'editorHoverWidget-border': '#c8c8c8',
      'editorWarning-foreground': '#bf8803', 'widget-shadow': '#00000029', 'panel-border': '#e5e5e5',
    },
  },
  dark: {
    bodyClass: 'vscode-dark',
    vars: {
      foreground: '#cccccc', 'sideBar-background': '#181818', 'editor-background': '#1f1f1f', descriptionForeground: '#9d9d9d', focusBorder: '#0078d4',
      'button-background': '#0078d4', 'button-foreground': '#ffffff', 'button-hoverBackground': '#026ec1', 'button-border': '#ffffff12',
      'button-secondaryBackground': '#313131', 'button-secondaryForeground': '#cccccc', 'button-secondaryHoverBackground': '#3c3c3c',
      'textLink-foreground': '#4daafc', 'textLink-activeForeground': '#4daafc', 'charts-blue': '#3794ff', 'charts-red': '#f14c4c', 'charts-green': '#89d185', 'charts-yellow': '#cca700',
      'widget-border': '#313131', 'editorWidget-background': '#202020', 'editorWidget-foreground': '#cccccc', 'badge-background': '#616161', 'badge-foreground': '#f8f8f8',
      'textCodeBlock-background': '#2b2b2b', 'keybindingLabel-background': '#8080802b', 'keybindingLabel-foreground': '#cccccc', 'keybindingLabel-border': '#33333399', 'keybindingLabel-bottomBorder': '#44444499',
      errorForeground: '#f85149', 'inputValidation-errorBorder': '#be1100', 'inputValidation-errorBackground': '#5a1d1d', 'textBlockQuote-background': '#2b2b2b', 'checkbox-background': '#313131',
      'notificationsInfoIcon-foreground': '#3794ff', 'notificationsWarningIcon-foreground': '#cca700', 'notificationsErrorIcon-foreground': '#f14c4c',
      'charts-orange': '#d18616', 'editorHoverWidget-background': '#202020', 'editorHoverWidget-foreground': '#cccccc', 'editorHoverWidget-border': '#454545',
      'editorWarning-foreground': '#cca700', 'widget-shadow': '#0000005c', 'panel-border': '#2b2b2b',
    },
  },
  'high-contrast': {
    bodyClass: 'vscode-high-contrast',
    vars: {
      foreground: '#ffffff', 'sideBar-background': '#000000', 'editor-background': '#000000', descriptionForeground: '#ffffff', focusBorder: '#f38518',
      contrastBorder: '#6fc3df', contrastActiveBorder: '#f38518', 'button-background': '#000000', 'button-foreground': '#ffffff', 'button-border': '#6fc3df',
      'textLink-foreground': '#21a6ff', 'textLink-activeForeground': '#21a6ff', 'charts-blue': '#3794ff', 'charts-red': '#f14c4c', 'charts-green': '#89d185', 'charts-yellow': '#cca700',
      'widget-border': '#6fc3df', 'editorWidget-background': '#0c141f', 'editorWidget-foreground': '#ffffff', 'badge-background': '#000000', 'badge-foreground': '#ffffff',
      'textCodeBlock-background': '#000000', 'keybindingLabel-foreground': '#ffffff', 'keybindingLabel-border': '#6fc3df', 'keybindingLabel-bottomBorder': '#6fc3df',
      errorForeground: '#f48771', 'inputValidation-errorBorder': '#6fc3df', 'inputValidation-errorBackground': '#000000', 'textBlockQuote-background': '#000000', 'checkbox-background': '#000000',
      'notificationsInfoIcon-foreground': '#3794ff', 'notificationsWarningIcon-foreground': '#cca700', 'notificationsErrorIcon-foreground': '#f48771',
      'charts-orange': '#d18616', 'editorHoverWidget-background': '#0c141f', 'editorHoverWidget-foreground': '#ffffff', 'editorHoverWidget-border': '#6fc3df',
      'editorWarning-foreground': '#ffd370', 'panel-border': '#6fc3df',
    },
  },
};

export const FONT_VARS = { 'font-family': 'system-ui, sans-serif', 'font-size': '13px', 'editor-font-family': 'monospace', 'editor-font-size': '13px' };
