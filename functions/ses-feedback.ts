// Entry point under construction by the lead; replaced before the first landing.
export const handler = async (): Promise<never> => {
  throw new Error('ses-feedback: not wired yet');
};
