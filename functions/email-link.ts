// Entry point under construction by the lead; replaced before the first landing.
export const handler = async (): Promise<never> => {
  throw new Error('email-link: not wired yet');
};
