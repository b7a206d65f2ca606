-- Drives the Activation Lens language server from headless Neovim 0.7 (a second real LSP client):
-- attach to a file, read diagnostics, hover, code lenses, apply a quick-fix, see the diagnostic clear.
-- Environment: AL_SERVER (dist/server.js), AL_ROOT (workspace), AL_FILE (file to open), AL_OUT (JSON
-- results), AL_HOVER_LINE / AL_HOVER_COL (0-based). Exits with `cquit 1` on failure.
local server = os.getenv('AL_SERVER')
local root = os.getenv('AL_ROOT')
local file = os.getenv('AL_FILE')
local out = os.getenv('AL_OUT')
local results = {}
local ready = false

local function write(tbl)
  local f = io.open(out, 'w')
  f:write(vim.fn.json_encode(tbl))
  f:close()
end

local function fail(msg)
  write({ error = msg, results = results })
  vim.cmd('cquit 1')
end

local function codes(bufnr)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do table.insert(list, d.code) end
  table.sort(list)
  return list
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = 'typescriptreact'
  local client_id = vim.lsp.start_client({
    name = 'activation-lens',
    cmd = { 'node', server, '--stdio' },
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = 'root' } },
    handlers = {
      ['activationLens/status'] = function(_, result)
        if result.state == 'ready' then ready = true end
      end,
    },
  })
  if not client_id then return fail('could not start the server') end
  vim.lsp.buf_attach_client(bufnr, client_id)
  if not vim.wait(20000, function() return ready and #vim.diagnostic.get(bufnr) > 0 end, 50) then
    return fail('no diagnostics arrived')
  end
  results.diagnostics = codes(bufnr)

  local uri = vim.uri_from_bufnr(bufnr)
  local position = { line = tonumber(os.getenv('AL_HOVER_LINE')), character = tonumber(os.getenv('AL_HOVER_COL')) }
  local hover = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', { textDocument = { uri = uri }, position = position }, 10000)
  for _, res in pairs(hover or {}) do
    if res.result then results.hover = res.result.contents.value end
  end
  local lenses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeLens', { textDocument = { uri = uri } }, 10000)
  results.lenses = {}
  for _, res in pairs(lenses or {}) do
    for _, lens in ipairs(res.result or {}) do table.insert(results.lenses, lens.command.title) end
  end

  -- The quick-fix for the first diagnostic, applied as Neovim applies workspace edits.
  local diagnostic = vim.lsp.diagnostic.get_line_diagnostics(bufnr, vim.diagnostic.get(bufnr)[1].lnum)[1]
  local actions = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', {
    textDocument = { uri = uri },
    range = diagnostic.range,
    context = { diagnostics = { diagnostic } },
  }, 10000)
  results.actions = {}
  local chosen
  for _, res in pairs(actions or {}) do
    for _, action in ipairs(res.result or {}) do
      table.insert(results.actions, action.title)
      chosen = chosen or action
    end
  end
  if not chosen then return fail('no code action offered') end
  vim.lsp.util.apply_workspace_edit(chosen.edit, 'utf-16')
  results.line = vim.api.nvim_buf_get_lines(bufnr, diagnostic.range.start.line, diagnostic.range.start.line + 1, false)[1]
  if not vim.wait(20000, function() return #vim.diagnostic.get(bufnr) == 0 end, 50) then
    results.after = codes(bufnr)
    return fail('the diagnostic did not clear')
  end
  results.after = codes(bufnr)
end)
if not ok then return fail(tostring(err)) end
write({ results = results })
vim.cmd('qall!')
