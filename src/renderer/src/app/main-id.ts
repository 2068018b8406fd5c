/** The id of the frame's <main>: focus moves there when search opens a screen. */
export const MAIN_ID = 'content';
