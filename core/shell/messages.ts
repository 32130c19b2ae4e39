/**
 * KubeLab's own words in the terminal, in each UI language. Real tools (bash, sleep, kubectl)
 * always answer in English, exactly as on a real machine, so their texts are not here.
 */
import type { Language } from '../protocol'

const en = {
  'help.intro': 'KubeLab shell. Commands you can type:',
  'help.outro':
    'Type a command and press Enter. Time in the lab only moves when you let it (sleep).',
  'help.help': 'show this list',
  'help.sleep':
    'let cluster time pass, e.g. "sleep 90s", "sleep 5m" (virtual time: returns at once)',
  'help.exit': 'leave the shell',
} as const

export type MessageKey = keyof typeof en

const ptBR: Record<MessageKey, string> = {
  'help.intro': 'Shell do KubeLab. Comandos que você pode digitar:',
  'help.outro':
    'Digite um comando e tecle Enter. O tempo no laboratório só anda quando você deixa (sleep).',
  'help.help': 'mostra esta lista',
  'help.sleep':
    'deixa o tempo do cluster passar, ex.: "sleep 90s", "sleep 5m" (tempo virtual: volta na hora)',
  'help.exit': 'sai do shell',
}

const catalogues: Record<Language, Record<MessageKey, string>> = { en, 'pt-BR': ptBR }

export function message(
  language: Language,
  key: MessageKey,
  params: Record<string, string> = {},
): string {
  return catalogues[language][key].replace(
    /\{(\w+)\}/g,
    (_, name: string) => params[name] ?? `{${name}}`,
  )
}
