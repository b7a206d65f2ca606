-- Drives the Activation Lens language server from headless Neovim 0.7 (a second real LSP client).
-- Environment: AL_SERVER (path to dist/server.js), AL_ROOT (workspace), AL_FILE (file to open),
-- AL_OUT (JSON results file). Exits with `cquit 1` on failure.
local server = os.getenv('AL_SERVER')
local root = os.getenv('AL_ROOT')
local file = os.getenv('AL_FILE')
local out = os.getenv('AL_OUT')
local results = {}
local ready = false

local function fail(msg)
  local f = io.open(out, 'w')
  f:write(vim.fn.json_encode({ error = msg, results = results }))
  f:close()
  vim.cmd('cquit 1')
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
  if not client_id then fail('could not start the server') end
  vim.lsp.buf_attach_client(bufnr, client_id)
  if not vim.wait(20000, function() return ready end, 50) then fail('server never became ready') end

  -- Hover on the position given by AL_HOVER_LINE / AL_HOVER_COL (0-based).
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = { line = tonumber(os.getenv('AL_HOVER_LINE')), character = tonumber(os.getenv('AL_HOVER_COL')) },
  }
  local hover = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, 10000)
  for _, res in pairs(hover or {}) do
    if res.result then results.hover = res.result.contents.value end
  end
  local lenses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeLens', { textDocument = params.textDocument }, 10000)
  results.lenses = {}
  for _, res in pairs(lenses or {}) do
    for _, lens in ipairs(res.result or {}) do table.insert(results.lenses, lens.command.title) end
  end
end)
if not ok then fail(tostring(err)) end
local f = io.open(out, 'w')
f:write(vim.fn.json_encode({ results = results }))
f:close()
vim.cmd('qall!')
