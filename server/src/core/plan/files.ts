// Names a plan file may have, in order of preference when a folder holds more than one.
export const PLAN_FILE_NAMES = [
  'activation-lens.yaml',
  'activation-lens.yml',
  'activation-lens.json',
] as const;
